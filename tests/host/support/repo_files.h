#pragma once
// Files of the repository that unit tests read (docs, data, CMake
// options). The root is the build's CCP_RELOGIN_SOURCE_DIR
// (tests/CMakeLists.txt), not __FILE__: a compiler cache that rewrites
// paths relative to a base directory (ccache's base_dir) changes __FILE__.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ccp_relogin::testing {

inline std::filesystem::path repo_root() { return std::filesystem::path(CCP_RELOGIN_SOURCE_DIR); }

// The whole file as bytes ("" when it can't be read: the test's own
// expectations then fail, naming what they looked for).
inline std::string read_repo_file(const std::filesystem::path& relative) {
    std::ifstream in(repo_root() / relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace ccp_relogin::testing
