#include "helpdesk/socket_dir.h"

#include <algorithm>
#include <charconv>
#include <system_error>
#include <utility>

namespace ccp_relogin::helpdesk {
namespace {

constexpr std::string_view kPrefix = "host-";
#if defined(_WIN32)
constexpr std::string_view kSuffix = ".pipe";  // a marker beside the pipe, not the pipe
#else
constexpr std::string_view kSuffix = ".sock";
#endif

}  // namespace

std::filesystem::path ipc_dir_of(const std::filesystem::path& state_dir) {
    return state_dir / "ipc";
}

std::filesystem::path socket_path_for(const std::filesystem::path& dir, long pid) {
    return dir / (std::string(kPrefix) + std::to_string(pid) + std::string(kSuffix));
}

std::optional<long> pid_from_socket_name(std::string_view name) {
    if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix))
        return std::nullopt;
    const std::string_view digits =
        name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    long pid = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (ec != std::errc() || end != digits.data() + digits.size() || pid <= 0) return std::nullopt;
    return pid;
}

std::vector<std::filesystem::path> list_host_sockets(const std::filesystem::path& dir) {
    if (!ipc_dir_listable(dir)) return {};
    std::vector<std::pair<long, std::filesystem::path>> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto pid = pid_from_socket_name(entry.path().filename().string());
        if (pid) found.emplace_back(*pid, entry.path());
    }
    if (ec)
        throw HelpdeskUnavailable("cannot list the helpdesk socket directory " + dir.string() +
                                  ": " + ec.message());
    std::sort(found.begin(), found.end());
    std::vector<std::filesystem::path> sockets;
    for (auto& [pid, path] : found) sockets.push_back(std::move(path));
    return sockets;
}

}  // namespace ccp_relogin::helpdesk
