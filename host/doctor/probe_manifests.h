#pragma once
// The I/O half of doctor's manifest checks: which locations the browsers
// read (platform/browsers.h), what is in them, and what a manifest's `path`
// names. Judged by doctor/check_manifests.h.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <vector>

#include "doctor/check_manifests.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

// Our manifest is a few hundred bytes; more is not ours and not read.
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;

// The locations of `browsers` × `scopes` on this system, shared ones merged,
// each read. `user_data_dir` replaces the user-scope locations, as in install.
// Throws std::invalid_argument for impossible combinations (as install does).
std::vector<ManifestFile> read_manifest_files(
    const std::vector<platform::Browser>& browsers, const std::vector<platform::Scope>& scopes,
    const platform::HomeDirs& dirs, const std::optional<std::filesystem::path>& user_data_dir);

// Browsers whose user data directory exists (they have run for this user):
// `user_data_dir` if given, else the parent of each user-scope manifest folder.
std::set<platform::Browser> used_browsers(
    const std::vector<platform::Browser>& browsers, const platform::HomeDirs& dirs,
    const std::optional<std::filesystem::path>& user_data_dir);

// Facts about `path` compared with `this_binary`.
BinaryFacts inspect_binary(const std::filesystem::path& path,
                           const std::filesystem::path& this_binary);

}  // namespace ccp_relogin::doctor
