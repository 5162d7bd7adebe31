#pragma once
// Small POSIX file helpers shared by guard/ (the state file) and audit/ (the
// audit log): an owning descriptor, an flock held for a scope, a private
// directory, and a write that finishes. Errors are std::system_error whose
// what() names the path.
#include <filesystem>
#include <string>
#include <string_view>

namespace ccp_relogin::platform {

// Owns a file descriptor; closes it on destruction or reset().
class UniqueFd {
  public:
    explicit UniqueFd(int fd = -1) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return fd_; }
    bool ok() const { return fd_ >= 0; }
    int release();
    void reset(int fd = -1);

  private:
    int fd_;
};

// flock() on `path` (created 0600 if missing) until destruction. Use a lock
// file apart from the data file, so the data file can be replaced by rename()
// while the lock is held. Each FileLock opens its own file description, so it
// also excludes other threads of this process.
class FileLock {
  public:
    enum class Mode { kShared, kExclusive };
    FileLock(const std::filesystem::path& path, Mode mode);

  private:
    UniqueFd fd_;  // closing it releases the lock
};

// Opens `path` with open(2) flags plus O_CLOEXEC | O_NOFOLLOW (a symlink
// planted at one of our file names is refused, not followed).
UniqueFd open_no_follow(const std::filesystem::path& path, int flags, unsigned mode = 0600);

// Creates `dir` (mode 0700) and its missing parents; fine if it exists as a
// directory.
void ensure_private_dir(const std::filesystem::path& dir);

// read(2) until `size` bytes or end of file (retrying EINTR and short reads);
// a read error ends it early. The caller bounds `size` (fstat + a limit).
std::string read_up_to(int fd, std::size_t size);

// write(2) until all of `data` is written (retrying EINTR and short writes).
void write_all(int fd, std::string_view data, const std::filesystem::path& pathForErrors);

}  // namespace ccp_relogin::platform
