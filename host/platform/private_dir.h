#pragma once
// Whether a directory that holds private files is safe to use: it is ours,
// not a symbolic link, and nobody else can write to it. Whoever can write it
// could plant files there (guard state, a socket) or swap ours between our
// checks and our use; whoever owns it can read and change everything in it.
// The judgement is a pure function of what lstat() says, so it is tested
// without creating such directories. Used for the state directory (guard/,
// audit/, doctor/) and the helpdesk socket directory (helpdesk/).
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::platform {

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

// ensure_private_dir(dir), then dir_problem for this process's user (no root
// exception): throws FileProblem (posix_files.h) with that sentence.
void prepare_private_dir(const std::filesystem::path& dir, std::string_view what);

}  // namespace ccp_relogin::platform
