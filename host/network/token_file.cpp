#include "network/token_file.h"

#include <algorithm>
#include <stdexcept>

#include "platform/files.h"

namespace ccp_relogin::network {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& problem) {
    throw std::runtime_error("audit.forwardTokenFile " + path.string() + ": " + problem);
}

}  // namespace

std::string read_token_file(const std::filesystem::path& path) {
    if (!path.is_absolute()) refuse(path, "not an absolute path");
    // Not followed through a link; a FIFO planted there can't hold the forwarder.
    auto read = platform::read_small_file(path, kMaxTokenFileBytes);
    using Outcome = platform::SmallFile::Outcome;
    switch (read.outcome) {
        case Outcome::kRead:
            break;
        case Outcome::kNotRegular:
            refuse(path, "not a regular file");
        case Outcome::kTooLarge:
            refuse(path, "longer than " + std::to_string(kMaxTokenFileBytes) + " bytes");
        default:
            refuse(path, "can't be opened (" + read.problem + ")");
    }
    std::string token = std::move(read.text);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    if (token.empty()) refuse(path, "empty");
    if (!std::ranges::all_of(token, [](char c) { return c > 0x20 && c < 0x7f; }))
        refuse(path, "holds more than one token (a space, a control or a non-ASCII character)");
    return token;
}

}  // namespace ccp_relogin::network
