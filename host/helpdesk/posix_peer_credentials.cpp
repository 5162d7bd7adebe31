#include <sys/socket.h>
#include <unistd.h>

#include "helpdesk/peer_credentials.h"

namespace ccp_relogin::helpdesk {

std::optional<PeerCredentials> peer_credentials(NativeConnection fd) {
#if defined(__linux__)
    struct ucred cred {};
    socklen_t length = sizeof cred;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0 || length != sizeof cred)
        return std::nullopt;
    return PeerCredentials{cred.uid, cred.pid};
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
    uid_t uid = 0;
    gid_t gid = 0;
    if (::getpeereid(fd, &uid, &gid) != 0) return std::nullopt;
    return PeerCredentials{uid, std::nullopt};
#else
#error "peer_credentials: no way to ask the kernel for a Unix socket peer on this system"
#endif
}

UserId own_user() { return ::geteuid(); }

}  // namespace ccp_relogin::helpdesk
