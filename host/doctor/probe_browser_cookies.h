#pragma once
// The I/O half of doctor's third-party-cookie check (check_browser_cookies.h):
// each browser's managed policy (Linux: the files in
// platform::managed_policy_dir; Windows: the registry key
// platform::managed_policy_key, doctor/registry_cookie_policy.h) and the
// Preferences of each of its profiles (Default, Profile 1, …) in its user
// data dir. Only reads. Files are read like the manifests
// (probe_manifests.h): a symbolic link or anything but a regular file is
// not followed, sizes are capped before reading, JSON nesting is bounded;
// what can't be read is reported, not skipped silently.
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "doctor/check_browser_cookies.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

inline constexpr std::size_t kMaxPolicyFileBytes = 1024 * 1024;
// Preferences grow with a profile's history; tens of MiB would be no profile of an agent.
inline constexpr std::size_t kMaxPreferencesBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxPolicyFiles = 64;
inline constexpr std::size_t kMaxProfiles = 32;

// Where to look for one browser.
struct CookieProbeTarget {
    platform::Browser browser = platform::Browser::kChrome;
    std::optional<std::filesystem::path> policy_dir;
    std::optional<std::filesystem::path> user_data_dir;
    std::optional<std::string> policy_key;  // Windows: under HKLM and HKCU
};

// `user_data_dir` (doctor's --user-data-dir) replaces every browser's own;
// without a home directory (%LOCALAPPDATA% on Windows), only the policy is looked at.
std::vector<CookieProbeTarget> cookie_probe_targets(
    const std::vector<platform::Browser>& browsers, const platform::HomeDirs& dirs,
    const std::optional<std::filesystem::path>& user_data_dir, platform::System system);

// What the files say. Never throws for what it finds on disk.
BrowserCookieFacts read_browser_cookie_facts(const CookieProbeTarget& target);

// The cookie parts of one policy file's JSON into `policy` (pure; exposed for tests).
void add_cookie_policy(CookiePolicy& policy, const nlohmann::json& document);

// The cookie parts of a Preferences JSON (pure; exposed for tests).
void read_cookie_preferences(CookiePreferences& prefs, const nlohmann::json& document);

}  // namespace ccp_relogin::doctor
