#pragma once
// The policies as a macOS configuration profile (.mobileconfig, an XML
// property list): one managed-preferences payload
// (com.apple.ManagedClient.preferences) per browser, each setting two
// preference domains as Forced: the browser's own (com.google.Chrome,
// com.microsoft.Edge) with ExtensionSettings, NativeMessagingAllowlist and
// CookiesAllowedForUrls, and the extension's (com.google.Chrome.extensions.<ID>,
// com.microsoft.Edge.extensions.<ID>) with its configuration
// (docs/facts.md, "Policies"). Pure.
//
// A property list has no null: a configuration value null is left out
// (so the files' value or the default applies) and named in `leftOut`.
// The profile's UUIDs are derived from the extension ID, so the profile
// made again for the same ID replaces the installed one.
#include <string>
#include <vector>

#include "policy/browser_policies.h"

namespace ccp_relogin::policy {

struct Mobileconfig {
    std::string text;
    std::vector<std::string> leftOut;  // "audit.forwardUrl": null values not written
};

// "com.google.Chrome", "com.microsoft.Edge".
std::string preference_domain(Vendor vendor);

// Throws std::invalid_argument for text XML can't hold.
Mobileconfig build_mobileconfig(const std::vector<BrowserPolicies>& browsers);

}  // namespace ccp_relogin::policy
