#pragma once
// Who is on the other end of a helpdesk connection, as the system says (not
// as the peer claims). Only the host's own user may talk to it (and, on
// Linux and macOS, root).
//
// One implementation per system: posix_peer_credentials.cpp asks the kernel
// about a Unix socket (SO_PEERCRED on Linux, getpeereid() on macOS and the
// BSDs); windows_peer_credentials.cpp reads the token the pipe file system
// recorded for the pipe's client. The pure decision, peer_allowed, is
// peer_credentials.cpp's. What identifies a user differs: a uid on POSIX, a
// SID on Windows (which has no uid; mingw-w64 makes no promise about uid_t),
// hence the two spellings below, one for each system.
#include <optional>

#if defined(_WIN32)
#include <string>
#else
#include <sys/types.h>
#endif

namespace ccp_relogin::helpdesk {

#if defined(_WIN32)
// A SID in its string form ("S-1-5-21-…"). ConvertSidToStringSidW writes
// exactly one spelling per SID, so equal strings are equal SIDs (EqualSid).
using UserId = std::string;

struct PeerCredentials {
    UserId sid;
    std::optional<unsigned long> pid;  // GetNamedPipeClientProcessId, for the audit only
};

// The server end of a connected pipe instance (a HANDLE).
using NativeConnection = void*;

inline const UserId& user_of(const PeerCredentials& peer) { return peer.sid; }
#else
using UserId = uid_t;

struct PeerCredentials {
    uid_t uid = 0;
    std::optional<pid_t> pid;  // Linux only
};

// A connected Unix socket.
using NativeConnection = int;

inline const UserId& user_of(const PeerCredentials& peer) { return peer.uid; }
#endif

// The peer of `connection`; nullopt if the system won't say.
std::optional<PeerCredentials> peer_credentials(NativeConnection connection);

// This process's user: geteuid(); on Windows the user SID of its token
// (empty if the token can't be read, which peer_allowed never admits).
UserId own_user();

// Pure: may a peer of user `peer` talk to a host running as `self`?
bool peer_allowed(const UserId& peer, const UserId& self);

}  // namespace ccp_relogin::helpdesk
