#pragma once
// Small POSIX file helpers shared by guard/ (the state file) and audit/ (the
// audit log): an owning descriptor, an flock held for a scope, a private
// directory, files that must be regular files of ours, and a write that
// finishes. OS errors are std::system_error, refusals by our own checks are
// FileProblem; what() names the path either way.
//
// Every host process of the user, and doctor, meets these files while
// holding a lock the others wait for, so nothing here may block without
// bound: a FIFO or device at one of our names is never waited on.
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ccp_relogin::platform {

// A file we refuse to use (not a regular file, another user's) or a lock not
// granted in time; what() is one sentence naming the path.
class FileProblem : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

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
//
// A lock file holds nothing, so whatever else sits at its name (a symlink, a
// FIFO, another user's file) is replaced instead of failing every later run.
// The wait is bounded: a holder that hangs must not hang everyone behind it;
// after `wait` the constructor throws FileProblem.
class FileLock {
  public:
    enum class Mode { kShared, kExclusive };
    static constexpr std::chrono::milliseconds kDefaultWait{5000};
    FileLock(const std::filesystem::path& path, Mode mode,
             std::chrono::milliseconds wait = kDefaultWait);

  private:
    UniqueFd fd_;  // closing it releases the lock
};

// Opens `path` with open(2) flags plus O_CLOEXEC | O_NOFOLLOW (a symlink
// planted at one of our file names is refused, not followed).
UniqueFd open_no_follow(const std::filesystem::path& path, int flags, unsigned mode = 0600);

// open_no_follow() that also requires a regular file of this process's
// user: O_NONBLOCK keeps a FIFO from blocking the open(2) (it is then
// refused, like a device or another user's file, with FileProblem). On a
// regular file O_NONBLOCK changes nothing, so it stays set.
UniqueFd open_own_file(const std::filesystem::path& path, int flags, unsigned mode = 0600);

// The same, with nullopt instead of an exception when nothing is at `path`
// (and O_CREAT is not asked for): a missing file is the common case for some
// callers, and cheap to say without unwinding.
std::optional<UniqueFd> open_own_file_if_present(const std::filesystem::path& path, int flags,
                                                 unsigned mode = 0600);

// Creates `path` afresh (open_own_file with O_CREAT | O_EXCL), first
// removing whatever was left there, so that a stale symlink or FIFO can
// neither redirect nor block the write. Only for names the caller alone
// writes while it holds their lock (a temporary file).
UniqueFd create_fresh_file(const std::filesystem::path& path, int flags, unsigned mode = 0600);

// Creates `dir` (mode 0700) and its missing parents; fine if it exists as a
// directory.
void ensure_private_dir(const std::filesystem::path& dir);

// read(2) until `size` bytes or end of file (retrying EINTR and short reads);
// a read error ends it early. The caller bounds `size` (fstat + a limit).
std::string read_up_to(int fd, std::size_t size);

// write(2) until all of `data` is written (retrying EINTR and short writes).
void write_all(int fd, std::string_view data, const std::filesystem::path& pathForErrors);

}  // namespace ccp_relogin::platform
