#pragma once
// The pure half of loading: validate each source's document, merge the valid
// parts in precedence order, build the typed Config. No files, no environment.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::config {

struct ConfigLayer {
    std::string source;  // "policy" or a file path, used in Problem.source
    nlohmann::json document;
};

struct LoadedConfig {
    Config config;
    std::vector<Problem> problems;
    std::vector<std::string> sources;  // the sources actually read, highest first
};

// Problem.source for problems of the merged result rather than of one source.
inline constexpr const char* kMergedSource = "merged";
// ConfigLayer.source of the browser policy (the extension's hello).
inline constexpr const char* kPolicySource = "policy";

// Layers ordered highest first. A merged configuration without any profile is
// reported as a problem (path "profiles") because nothing can work without one.
// The policy layer may change only what the files allow (policy_limits.h).
LoadedConfig assemble_config(const std::vector<ConfigLayer>& highest_first);

}  // namespace ccp_relogin::config
