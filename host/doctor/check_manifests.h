#pragma once
// doctor's native-messaging manifest checks, pure: given what is (or isn't)
// at each location a browser reads, say for each location whether that
// browser can start this host, and fail overall if no browser can.
// Gathering those facts from disk is doctor/probe_manifests.h.
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "doctor/check_result.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

// One manifest location and what was found there. Browsers sharing a
// location (Brave reads Chrome's system folder) are one entry.
struct ManifestFile {
    enum class State { kAbsent, kPresent, kUnreadable };
    std::vector<platform::Browser> browsers;
    platform::Scope scope = platform::Scope::kUser;
    std::filesystem::path path;
    State state = State::kAbsent;
    std::string content;  // kPresent: the file's text (size-capped by the reader)
    std::string problem;  // kUnreadable: why, one phrase
    // Windows: the browser finds the file only through this registry key
    // (HKCU for the user scope, HKLM for the system scope), whose default
    // value must name `path`; nullopt elsewhere.
    std::optional<std::string> registry_key;
    std::optional<std::filesystem::path> registered_path;  // the key's value; nullopt: no key
};

// What doctor knows about the program a manifest's `path` names.
struct BinaryFacts {
    bool exists = false;
    bool executable = false;
    bool is_this_binary = false;  // the same file as the running doctor
};

using BinaryInspector = std::function<BinaryFacts(const std::filesystem::path&)>;

struct ManifestExpectations {
    std::string program;                        // this binary, as the fixes name it
    std::vector<std::string> trusted_ids;       // built-in + configured extension IDs
    std::vector<std::string> configured_ids;    // allowedExtensionIds (for the install fix)
    std::set<platform::Browser> used_browsers;  // whose user data dir exists
    std::optional<std::filesystem::path> user_data_dir;  // doctor's --user-data-dir
    bool system_needs_root = true;                       // prefix system-scope fixes with sudo
};

// The exact install command for `browsers` and `scope`, carrying every
// configured extension ID (install rewrites the manifest with exactly those).
std::string install_command(const std::vector<platform::Browser>& browsers, platform::Scope scope,
                            const ManifestExpectations& expect);

// Pure. One result per file ("manifest chrome (user)"), then "manifests":
// fail when no location holds a valid registration.
std::vector<CheckResult> evaluate_manifests(const std::vector<ManifestFile>& files,
                                            const ManifestExpectations& expect,
                                            const BinaryInspector& inspect_binary);

}  // namespace ccp_relogin::doctor
