#include "network/token_file.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>

#include "platform/posix_files.h"

namespace ccp_relogin::network {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& problem) {
    throw std::runtime_error("audit.forwardTokenFile " + path.string() + ": " + problem);
}

}  // namespace

std::string read_token_file(const std::filesystem::path& path) {
    if (!path.is_absolute()) refuse(path, "not an absolute path");
    platform::UniqueFd fd;
    try {
        // O_NONBLOCK: a FIFO planted there can't hold the forwarder.
        fd = platform::open_no_follow(path, O_RDONLY | O_NONBLOCK);
    } catch (const std::exception& e) {
        refuse(path, std::string("can't be opened (") + e.what() + ")");
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) refuse(path, "not a regular file");
    if (st.st_size > static_cast<off_t>(kMaxTokenFileBytes))
        refuse(path, "longer than " + std::to_string(kMaxTokenFileBytes) + " bytes");
    std::string token = platform::read_up_to(fd.get(), kMaxTokenFileBytes);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    if (token.empty()) refuse(path, "empty");
    if (!std::ranges::all_of(token, [](char c) { return c > 0x20 && c < 0x7f; }))
        refuse(path, "holds more than one token (a space, a control or a non-ASCII character)");
    return token;
}

}  // namespace ccp_relogin::network
