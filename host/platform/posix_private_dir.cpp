#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <system_error>

#include "platform/files.h"
#include "platform/private_dir.h"

namespace ccp_relogin::platform {
namespace {

std::string octal(mode_t mode) {
    char text[8];
    const auto end = std::to_chars(text, text + sizeof text, mode & 07777u, 8).ptr;
    // Appended, not `"0" + std::string(…)`: GCC 12 at -O3 (the release
    // preset) reports a false -Wrestrict overlap for the latter.
    std::string shown = "0";
    shown.append(text, end);
    return shown;
}

}  // namespace

std::optional<std::string> dir_problem(std::string_view what, const std::filesystem::path& path,
                                       const DirFacts& facts, uid_t self,
                                       bool allow_root_for_others) {
    const std::string named = std::string(what) + " " + path.string();
    if (!facts.exists) return named + " does not exist";
    if (facts.is_symlink) return named + " is a symbolic link; remove it";
    if (!facts.is_directory) return named + " is not a directory; remove it";
    if (facts.owner != self && !(allow_root_for_others && self == 0))
        return named + " belongs to uid " + std::to_string(facts.owner) + ", not to uid " +
               std::to_string(self) + "; remove it";
    if ((facts.mode & (S_IWGRP | S_IWOTH)) != 0)
        return named + " is writable by other users (mode " + octal(facts.mode) +
               "); run chmod 700 on it";
    return std::nullopt;
}

DirFacts inspect_dir(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        throw std::system_error(errno, std::generic_category(), "cannot inspect " + path.string());
    }
    return DirFacts{true, S_ISLNK(st.st_mode), S_ISDIR(st.st_mode), st.st_uid,
                    static_cast<mode_t>(st.st_mode & 07777u)};
}

std::optional<std::string> private_dir_problem(const std::filesystem::path& dir,
                                               std::string_view what, bool allow_admin_for_others) {
    return dir_problem(what, dir, inspect_dir(dir), ::geteuid(), allow_admin_for_others);
}

void prepare_private_dir(const std::filesystem::path& dir, std::string_view what) {
    ensure_private_dir(dir);
    if (const auto problem = private_dir_problem(dir, what)) throw FileProblem(*problem);
}

}  // namespace ccp_relogin::platform
