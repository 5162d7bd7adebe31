#include "doctor/probe_manifests.h"

#include <algorithm>

#include "platform/browser_launch.h"
#include "platform/files.h"
#include "platform/manifest_installer.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;
using platform::Browser;
using platform::Scope;

void read_into(ManifestFile& file) {
    auto read = platform::read_small_file(file.path, kMaxManifestBytes);
    if (read.outcome == platform::SmallFile::Outcome::kMissing) return;  // kAbsent
    if (read.outcome != platform::SmallFile::Outcome::kRead) {
        file.state = ManifestFile::State::kUnreadable;
        file.problem = std::move(read.problem);
        return;
    }
    file.state = ManifestFile::State::kPresent;
    file.content = std::move(read.text);
}

}  // namespace

std::vector<ManifestFile> read_manifest_files(const std::vector<Browser>& browsers,
                                              const std::vector<Scope>& scopes,
                                              const platform::HomeDirs& dirs,
                                              const std::optional<fs::path>& user_data_dir) {
    std::vector<ManifestFile> files;
    for (auto scope : scopes) {
        for (auto browser : browsers) {
            const auto location =
                platform::manifest_location(browser, scope, platform::kThisSystem, dirs,
                                            scope == Scope::kUser ? user_data_dir : std::nullopt);
            const auto path = platform::manifest_path(location);
            auto same = std::find_if(files.begin(), files.end(),
                                     [&](const ManifestFile& f) { return f.path == path; });
            if (same != files.end()) {
                same->browsers.push_back(browser);
                continue;
            }
            files.push_back(ManifestFile{{browser},
                                         scope,
                                         path,
                                         ManifestFile::State::kAbsent,
                                         "",
                                         "",
                                         location.registryKey,
                                         platform::registered_manifest(location, scope)});
        }
    }
    for (auto& file : files) {
        // On Windows the browser reads the file the registry key names,
        // wherever it is (the MSI's is in Program Files, beside the .exe).
        if (file.registered_path && !file.registered_path->empty())
            file.path = *file.registered_path;
        read_into(file);
    }
    return files;
}

std::set<Browser> used_browsers(const std::vector<Browser>& browsers,
                                const platform::HomeDirs& dirs,
                                const std::optional<fs::path>& user_data_dir) {
    std::set<Browser> used;
    if (platform::kThisSystem == platform::System::kWindows) return used;  // can't tell there
    for (auto browser : browsers) {
        fs::path profile_dir;
        if (user_data_dir) {
            profile_dir = *user_data_dir;
        } else {
            try {
                profile_dir =
                    platform::manifest_location(browser, Scope::kUser, platform::kThisSystem, dirs)
                        .directory.parent_path();
            } catch (const std::invalid_argument&) {
                continue;  // no home directory: nothing to look at
            }
        }
        std::error_code ec;
        if (fs::is_directory(profile_dir, ec)) used.insert(browser);
    }
    return used;
}

BinaryFacts inspect_binary(const fs::path& path, const fs::path& this_binary) {
    BinaryFacts facts;
    std::error_code ec;
    facts.exists = fs::is_regular_file(path, ec);
    if (!facts.exists) return facts;
    facts.executable = platform::is_executable_file(path);
    facts.is_this_binary = fs::equivalent(path, this_binary, ec) && !ec;
    return facts;
}

}  // namespace ccp_relogin::doctor
