#include "helpdesk/socket_dir.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <system_error>

#include "platform/files.h"

namespace ccp_relogin::helpdesk {
namespace {

constexpr std::string_view kPrefix = "host-";
constexpr std::string_view kSuffix = ".sock";

}  // namespace

std::size_t max_socket_path_bytes() { return sizeof(sockaddr_un::sun_path); }

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

std::optional<std::string> socket_path_problem(const std::filesystem::path& path,
                                               std::size_t max_bytes) {
    const std::size_t bytes = path.native().size();
    if (bytes + 1 <= max_bytes) return std::nullopt;
    return "the helpdesk socket path " + path.string() + " is " + std::to_string(bytes) +
           " bytes, over the " + std::to_string(max_bytes - 1) +
           " a Unix socket address can hold; set CCP_RELOGIN_STATE_DIR to a shorter directory";
}

std::optional<std::string> dir_problem(const std::filesystem::path& path, const DirFacts& facts,
                                       uid_t self, bool allow_root_for_others) {
    return platform::dir_problem("the helpdesk socket directory", path, facts, self,
                                 allow_root_for_others);
}

DirFacts inspect_dir(const std::filesystem::path& path) {
    try {
        return platform::inspect_dir(path);
    } catch (const std::system_error& e) {
        throw HelpdeskUnavailable("cannot inspect the helpdesk socket directory " + path.string() +
                                  ": " + e.code().message());
    }
}

void prepare_ipc_dir(const std::filesystem::path& dir) {
    try {
        platform::ensure_private_dir(dir);
    } catch (const std::exception& e) {
        throw HelpdeskUnavailable(std::string("cannot create the helpdesk socket directory: ") +
                                  e.what());
    }
    if (const auto problem = dir_problem(dir, inspect_dir(dir), ::geteuid()))
        throw HelpdeskUnavailable(*problem);
}

std::vector<std::filesystem::path> list_host_sockets(const std::filesystem::path& dir) {
    const DirFacts facts = inspect_dir(dir);
    if (!facts.exists) return {};
    if (const auto problem = dir_problem(dir, facts, ::geteuid(), true))
        throw HelpdeskUnavailable(*problem);
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
