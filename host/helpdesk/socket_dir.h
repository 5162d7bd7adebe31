#pragma once
// Where the helpdesk endpoints live: one entry per running host in
// `<state_dir>/ipc`. On Linux and macOS the entry is the host's socket,
// `host-<pid>.sock`; on Windows an empty marker file, `host-<pid>.pipe`,
// beside the host's named pipe (helpdesk/pipe_name.h), which lives in the
// system's pipe namespace, not in a folder.
//
// On POSIX the directory must be safe to use: a socket in a directory
// another user can write to could be replaced by theirs, and the helpdesk's
// request would go to them. The checks are platform/private_dir.h's, which
// the state directory gets too. On Windows a marker only names a pid: the
// pipe the CLI then opens is named after its own SID and only its user can
// create it (pipe_name.h), so the folder is no boundary there
// (windows_socket_dir.cpp).
//
// One implementation per system: socket_dir.cpp (names),
// posix_socket_dir.cpp, windows_socket_dir.cpp.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if !defined(_WIN32)
#include <sys/types.h>

#include "platform/private_dir.h"
#endif

namespace ccp_relogin::helpdesk {

// The helpdesk socket can't be used; what() is one sentence naming the path.
class HelpdeskUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// `<state_dir>/ipc`
std::filesystem::path ipc_dir_of(const std::filesystem::path& state_dir);

// `<dir>/host-<pid>.sock` (Windows: `<dir>/host-<pid>.pipe`)
std::filesystem::path socket_path_for(const std::filesystem::path& dir, long pid);

// The pid in an entry's file name `host-<pid>.sock` (Windows:
// `host-<pid>.pipe`); nullopt for any other name.
std::optional<long> pid_from_socket_name(std::string_view file_name);

// The host's side: creates `dir` (0700 on POSIX, with missing parents) and
// checks it. Throws HelpdeskUnavailable with the reason.
void prepare_ipc_dir(const std::filesystem::path& dir);

// The CLI's side: the entries `host-<pid>.sock` (`.pipe`) in `dir`, in pid
// order. An absent directory means no host has run: empty. An unsafe one
// throws HelpdeskUnavailable.
std::vector<std::filesystem::path> list_host_sockets(const std::filesystem::path& dir);

// Per system, for list_host_sockets: false when `dir` is absent; throws
// HelpdeskUnavailable when it is unsafe to list.
bool ipc_dir_listable(const std::filesystem::path& dir);

#if !defined(_WIN32)
// sockaddr_un::sun_path holds 108 bytes on Linux (104 on macOS), including
// the terminating NUL.
std::size_t max_socket_path_bytes();

// Pure: why `path` can't be a socket address (too long for sun_path, given
// `max_bytes` including the NUL), or nullopt.
std::optional<std::string> socket_path_problem(const std::filesystem::path& path,
                                               std::size_t max_bytes);

// What lstat() says about a directory (platform/private_dir.h).
using DirFacts = platform::DirFacts;

// Pure: platform::dir_problem for "the helpdesk socket directory". The CLI
// sets `allow_root_for_others`, the host doesn't.
std::optional<std::string> dir_problem(const std::filesystem::path& path, const DirFacts& facts,
                                       uid_t self, bool allow_root_for_others = false);

// lstat(path); exists=false when it is missing. Throws HelpdeskUnavailable for
// other errors.
DirFacts inspect_dir(const std::filesystem::path& path);
#endif

}  // namespace ccp_relogin::helpdesk
