#include <unistd.h>

#include <system_error>

#include "platform/browser_launch.h"

namespace ccp_relogin::platform {

bool is_executable_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace ccp_relogin::platform
