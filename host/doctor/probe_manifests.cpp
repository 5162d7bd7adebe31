#include "doctor/probe_manifests.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "platform/manifest_installer.h"
#include "platform/posix_files.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;
using platform::Browser;
using platform::Scope;

void read_into(ManifestFile& file) {
    platform::UniqueFd fd;
    try {
        fd = platform::open_no_follow(file.path, O_RDONLY);
    } catch (const std::system_error& e) {
        if (e.code() == std::errc::no_such_file_or_directory) return;  // kAbsent
        file.state = ManifestFile::State::kUnreadable;
        file.problem = e.code().message();
        return;
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        file.state = ManifestFile::State::kUnreadable;
        file.problem = "it is not a regular file";
        return;
    }
    // Checked before reading, so a huge file costs nothing.
    if (static_cast<std::size_t>(info.st_size) > kMaxManifestBytes) {
        file.state = ManifestFile::State::kUnreadable;
        file.problem = "it is larger than " + std::to_string(kMaxManifestBytes) + " bytes";
        return;
    }
    std::string text(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    file.state = ManifestFile::State::kPresent;
    file.content = std::move(text);
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
            files.push_back(
                ManifestFile{{browser}, scope, path, ManifestFile::State::kAbsent, "", ""});
        }
    }
    for (auto& file : files) read_into(file);
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
    facts.executable = ::access(path.c_str(), X_OK) == 0;
    facts.is_this_binary = fs::equivalent(path, this_binary, ec) && !ec;
    return facts;
}

}  // namespace ccp_relogin::doctor
