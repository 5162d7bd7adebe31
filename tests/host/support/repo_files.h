#pragma once
// Files of the repository that unit tests read (docs, data, CMake
// options). The root is found from this header's own place
// (tests/host/support/), so every test finds the same one.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ccp_relogin::testing {

inline std::filesystem::path repo_root() {
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
}

// The whole file as bytes ("" when it can't be read: the test's own
// expectations then fail, naming what they looked for).
inline std::string read_repo_file(const std::filesystem::path& relative) {
    std::ifstream in(repo_root() / relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace ccp_relogin::testing
