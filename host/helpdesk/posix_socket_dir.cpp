#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <system_error>

#include "helpdesk/socket_dir.h"
#include "platform/files.h"

namespace ccp_relogin::helpdesk {

std::size_t max_socket_path_bytes() { return sizeof(sockaddr_un::sun_path); }

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

bool ipc_dir_listable(const std::filesystem::path& dir) {
    const DirFacts facts = inspect_dir(dir);
    if (!facts.exists) return false;
    if (const auto problem = dir_problem(dir, facts, ::geteuid(), true))
        throw HelpdeskUnavailable(*problem);
    return true;
}

}  // namespace ccp_relogin::helpdesk
