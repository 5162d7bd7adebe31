#pragma once
// The hosts a force-installed ccp-relogin may act on, for ExtensionSettings'
// runtime_blocked_hosts / runtime_allowed_hosts (docs/rollout.md, "5. The
// browser policy"). The manifest asks for https://*/* because a custom CCP's
// origin is each company's own; the policy takes that back to what this
// company's configuration needs, and the browser enforces it (content
// scripts, fetches with cookies, scripting, declarativeNetRequest). Pure.
#include <string>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::policy {

// Blocks every host but runtime_allowed_hosts.
inline constexpr const char* kEveryHost = "*://*";

// Chromium keeps the first 100 patterns of either list and drops the rest
// (docs/facts.md, "Policies").
inline constexpr std::size_t kMaxRuntimeHosts = 100;

// The Entra and AWS sign-in hosts the extension reads errors on: the hosts
// of the sign-in content script in extension/manifest.json (a test keeps
// the two equal). Shared by every company.
std::vector<std::string> sign_in_host_patterns();

// "https://<host>[:port]" for the sign-in hosts, each profile's Connect
// instance and each of its returnTo origins, first seen first, without
// repeats. Throws std::invalid_argument when there are more than
// kMaxRuntimeHosts.
std::vector<std::string> runtime_allowed_hosts(const config::Config& config);

}  // namespace ccp_relogin::policy
