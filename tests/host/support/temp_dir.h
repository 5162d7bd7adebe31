#pragma once
// A fresh directory under the system temp dir for one test, removed with
// everything in it when the test ends, so tests never touch real
// configuration, state or manifest locations. The one temp-dir helper of the
// host's unit and process tests.
#ifndef _WIN32
#include <stdlib.h>  // mkdtemp (POSIX): creates the directory atomically, mode 0700
#endif

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace ccp_relogin::testing {

class TempDir {
  public:
    TempDir() {
#ifdef _WIN32
        // No mkdtemp: create_directory is just as atomic (false when the
        // name exists), so try random names until one is new.
        std::random_device random;
        for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
            const auto candidate = std::filesystem::temp_directory_path() /
                                   ("ccp-relogin-test-" + std::to_string(random()));
            if (std::filesystem::create_directory(candidate)) path_ = candidate;
        }
        if (path_.empty()) throw std::runtime_error("cannot create a temporary directory");
#else
        std::string pattern =
            (std::filesystem::temp_directory_path() / "ccp-relogin-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
#endif
    }
    ~TempDir() {
        std::error_code ignored;  // a destructor must not throw; leftovers are harmless
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    // Writes `content` to `relative` (parent folders created) and returns its path.
    std::filesystem::path write(const std::string& relative, std::string_view content) const {
        const auto file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) throw std::runtime_error("cannot write " + file.string());
        return file;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace ccp_relogin::testing
