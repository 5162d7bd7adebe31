#pragma once
// Whether a directory that holds private files is safe to use: it is ours,
// not a symbolic link, and nobody else can write to it. Whoever can write it
// could plant files there (guard state, a socket) or swap ours between our
// checks and our use; whoever owns it can read and change everything in it.
// Used for the state directory (guard/, audit/, doctor/) and the helpdesk
// socket directory (helpdesk/).
//
// On POSIX the judgement is a pure function of what lstat() says, so it is
// tested without creating such directories (posix_private_dir.cpp). On
// Windows it is the same questions asked of the directory's owner SID and
// ACL (windows_private_dir.cpp).
#ifndef _WIN32
#include <sys/types.h>
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::platform {

// ensure_private_dir(dir) (files.h), then private_dir_problem: throws
// FileProblem (files.h) with that sentence.
void prepare_private_dir(const std::filesystem::path& dir, std::string_view what);

// Why the existing directory `dir`, named `what` ("the state directory"), is
// unsafe for this process's user, as one sentence ending with the fix; or
// nullopt. An administrator (root; on Windows a member of Administrators
// running elevated) may use another user's directory when
// `allow_admin_for_others` is set (a helpdesk shell pointing
// CCP_RELOGIN_STATE_DIR at the agent's state). Throws std::system_error
// when the directory can't be inspected.
std::optional<std::string> private_dir_problem(const std::filesystem::path& dir,
                                               std::string_view what,
                                               bool allow_admin_for_others = false);

#ifndef _WIN32
// What lstat() says about a directory.
struct DirFacts {
    bool exists = false;
    bool is_symlink = false;
    bool is_directory = false;
    uid_t owner = 0;
    mode_t mode = 0;  // permission bits
};

// Pure: why the directory `path`, named `what` ("the state directory"), is
// unsafe for user `self` (a symlink, not a directory, owned by someone else,
// group- or world-writable), as one sentence ending with the fix; or nullopt.
// Root may use a directory of another user (a helpdesk shell as root
// pointing CCP_RELOGIN_STATE_DIR at the agent's state) when
// `allow_root_for_others` is set.
std::optional<std::string> dir_problem(std::string_view what, const std::filesystem::path& path,
                                       const DirFacts& facts, uid_t self,
                                       bool allow_root_for_others = false);

// lstat(path); exists=false when it is missing. Throws std::system_error for
// other errors.
DirFacts inspect_dir(const std::filesystem::path& path);
#else
// What Windows says about a directory: its attributes, owner and ACL.
struct AclDirFacts {
    bool exists = false;
    bool is_link = false;  // a reparse point: a symbolic link or junction
    bool is_directory = false;
    std::string owner;                 // SID string
    bool owner_is_self = false;        // the user, or the token's default owner
    bool null_acl = false;             // no DACL at all: everyone has full control
    std::vector<std::string> writers;  // other SIDs an entry lets write, delete or re-own
};

// Pure: dir_problem's judgement on Windows. The SIDs that may always write
// (this user, SYSTEM, Administrators) are never among `writers`.
std::optional<std::string> acl_dir_problem(std::string_view what, const std::filesystem::path& path,
                                           const AclDirFacts& facts,
                                           bool allow_admin_for_others = false);

// Reads them; exists=false when it is missing. Throws std::system_error.
AclDirFacts inspect_acl_dir(const std::filesystem::path& path);
#endif

}  // namespace ccp_relogin::platform
