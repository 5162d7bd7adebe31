#pragma once
// The Windows helpdesk endpoint: one named pipe per running host,
//
//   \\.\pipe\ccp-relogin.<the user's SID>.host-<pid>
//
// and the security descriptor it is created with. Pure string rules, so
// they are tested on every system; windows_listener.cpp and
// windows_client.cpp use them.
//
// Why this name: the pipe namespace is one for the whole machine (every
// user and session sees it, unlike a folder of the user's), so the name
// carries the user: two users' hosts never compete for one, and the CLI
// derives the name from its own token and a host's pid alone. `host-<pid>`
// is the socket's name on Linux; a pid is unique among running processes.
// Which hosts run is told by the marker files in the state folder
// (helpdesk/socket_dir.h), which keep the state folder's scope: a CLI with
// another CCP_RELOGIN_STATE_DIR does not see them.
//
// Nobody else can take the name from us: the host creates the pipe with
// FILE_FLAG_FIRST_PIPE_INSTANCE (it fails if the name exists) and this
// descriptor's DACL, which lets only the user open the pipe or add an
// instance to it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::helpdesk {

// The whole name, \\.\pipe\ included, may be at most 256 characters
// (CreateNamedPipeW).
inline constexpr std::size_t kMaxPipeNameChars = 256;

// Pure: whether `text` is a SID's string form: "S-1-", then the identifier
// authority and 1 to 15 sub-authorities, decimal, '-' between them (the
// authority may be 0x and 12 hex digits). Anything else must never reach an
// SDDL string or a pipe name.
bool is_sid_string(std::string_view text);

// `\\.\pipe\ccp-relogin.<user_sid>.host-<pid>`; nullopt if `user_sid` is
// not a SID (is_sid_string) or pid is not positive.
std::optional<std::string> pipe_name_for(std::string_view user_sid, long pid);

// Pure: why `name` can't name a pipe (over kMaxPipeNameChars, no
// \\.\pipe\ prefix, a backslash after it), or nullopt.
std::optional<std::string> pipe_name_problem(std::string_view name);

// The pipe's security descriptor in SDDL: a protected DACL (nothing
// inherited) with one entry, full access for `user_sid`:
// "D:P(A;;GA;;;<user_sid>)". nullopt if `user_sid` is not a SID.
std::optional<std::string> pipe_security_sddl(std::string_view user_sid);

}  // namespace ccp_relogin::helpdesk
