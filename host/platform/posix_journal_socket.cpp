#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "platform/journal_socket.h"
#include "platform/posix_fd.h"

namespace ccp_relogin::platform {

bool send_to_journal(const JournalFields& fields, const std::filesystem::path& socket) {
    std::string datagram;
    for (const auto& [name, value] : fields) {
        if (value.find('\n') != std::string::npos) return false;
        datagram += name + "=" + value + "\n";
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = socket.string();
    if (path.size() >= sizeof address.sun_path) return false;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const UniqueFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!fd.ok()) return false;
    const ssize_t sent =
        ::sendto(fd.get(), datagram.data(), datagram.size(), MSG_DONTWAIT | MSG_NOSIGNAL,
                 reinterpret_cast<const sockaddr*>(&address), sizeof address);
    return sent == static_cast<ssize_t>(datagram.size());
}

}  // namespace ccp_relogin::platform
