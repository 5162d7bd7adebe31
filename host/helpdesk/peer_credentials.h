#pragma once
// Who is on the other end of a Unix socket, as the kernel says (not as the
// peer claims): SO_PEERCRED on Linux, getpeereid() on macOS and the BSDs.
// Only the host's own user, or root, may use the helpdesk socket.
#include <sys/types.h>

#include <optional>

namespace ccp_relogin::helpdesk {

struct PeerCredentials {
    uid_t uid = 0;
    std::optional<pid_t> pid;  // Linux only
};

// The peer of the connected socket `fd`; nullopt if the kernel won't say.
std::optional<PeerCredentials> peer_credentials(int fd);

// Pure: may a peer of uid `peer` talk to a host running as `self`?
bool peer_allowed(uid_t peer, uid_t self);

}  // namespace ccp_relogin::helpdesk
