// files.h on Linux and macOS: open(2) with O_NOFOLLOW, flock(2), rename(2).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

#include "platform/files.h"
#include "platform/posix_fd.h"

namespace ccp_relogin::platform {
namespace {

using std::chrono::milliseconds;

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

[[noreturn]] void throw_not_regular(const std::filesystem::path& path) {
    throw FileProblem(path.string() + " is not a regular file");
}

bool is_own_regular_file(const struct stat& info) {
    return S_ISREG(info.st_mode) && info.st_uid == ::geteuid();
}

struct stat stat_of(int fd, const std::filesystem::path& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) throw_errno("cannot inspect", path);
    return info;
}

// FileProblem unless the file open on `fd` is a regular file of ours.
void require_own_regular_file(int fd, const std::filesystem::path& path) {
    const struct stat info = stat_of(fd, path);
    if (!S_ISREG(info.st_mode)) throw_not_regular(path);
    if (info.st_uid != ::geteuid())
        throw FileProblem(path.string() + " belongs to uid " + std::to_string(info.st_uid) +
                          ", not to uid " + std::to_string(::geteuid()));
}

int open_flags(FileAccess access) {
    switch (access) {
        case FileAccess::kRead:
            return O_RDONLY;
        case FileAccess::kReadAppend:
            return O_RDWR | O_APPEND | O_CREAT;
        case FileAccess::kWrite:
            return O_WRONLY;
    }
    return O_RDONLY;
}

[[noreturn]] void throw_lock_timeout(const std::filesystem::path& path, milliseconds wait) {
    throw FileProblem("cannot lock " + path.string() + ": another process has held it for over " +
                      std::to_string(wait.count()) +
                      " ms (a ccp-relogin host or doctor that hangs? ending it frees the lock)");
}

// flock(2) without blocking, tried again after short, growing pauses until
// `wait` has passed: a blocking flock would wait as long as the holder hangs.
void lock_within(int fd, int operation, milliseconds wait, const std::filesystem::path& path) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    milliseconds pause{1};
    while (::flock(fd, operation | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK) throw_errno("cannot lock", path);
        if (std::chrono::steady_clock::now() >= deadline) throw_lock_timeout(path, wait);
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, milliseconds{50});
    }
}

// Removes whatever is at `path` unless it is a regular file of ours. Under an
// exclusive lock on the directory, so that two processes replacing the same
// leftover can't remove each other's fresh file and then lock different ones.
void remove_unless_own_file(const std::filesystem::path& path, milliseconds wait) {
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const UniqueFd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd.ok()) throw_errno("cannot open", dir);
    lock_within(dirFd.get(), LOCK_EX, wait, dir);
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || is_own_regular_file(info)) return;
    if (::unlink(path.c_str()) != 0) throw_errno("cannot remove", path);
}

// The lock file, replacing what holds nothing but can't be used as one.
OpenFile open_lock_file(const std::filesystem::path& path, milliseconds wait) {
    try {
        return open_own_file(path, FileAccess::kReadAppend);
    } catch (const std::exception&) {
        remove_unless_own_file(path, wait);  // then one more try, whose error counts
    }
    return open_own_file(path, FileAccess::kReadAppend);
}

std::optional<OpenFile> open_own(const std::filesystem::path& path, int flags) {
    // O_NONBLOCK keeps a FIFO from blocking the open (it is then refused,
    // like a device or another user's file); on a regular file it changes
    // nothing, so it stays set.
    UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600));
    if (!fd.ok() && errno == ENOENT && !(flags & O_CREAT)) return std::nullopt;
    // ENXIO: a FIFO without a reader (opened for writing), a socket, a device.
    if (!fd.ok() && errno == ENXIO) throw_not_regular(path);
    if (!fd.ok()) throw_errno("cannot open", path);
    require_own_regular_file(fd.get(), path);
    return OpenFile(fd.release(), path);
}

}  // namespace

void OpenFile::close() {
    if (native_ != kNone) ::close(native_);
    native_ = kNone;
}

std::uint64_t OpenFile::size() const {
    return static_cast<std::uint64_t>(stat_of(native_, path_).st_size);
}

FileIdentity OpenFile::identity() const {
    const struct stat info = stat_of(native_, path_);
    return {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino)};
}

std::string OpenFile::read_at(std::uint64_t offset, std::size_t size) const {
    std::string text(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::pread(native_, text.data() + got, size - got, off_t(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw_errno("cannot read", path_);
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

void OpenFile::write_all(std::string_view data) { platform::write_all(native_, data, path_); }

void OpenFile::sync() {
    if (::fdatasync(native_) != 0) throw_errno("cannot sync", path_);
}

std::optional<OpenFile> open_own_file_if_present(const std::filesystem::path& path,
                                                 FileAccess access) {
    return open_own(path, open_flags(access));
}

OpenFile create_fresh_file(const std::filesystem::path& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("cannot remove", path);
    return std::move(*open_own(path, O_WRONLY | O_CREAT | O_EXCL));
}

void replace_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) throw_errno("cannot replace", to);
}

bool move_file_if_present(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) == 0) return true;
    if (errno == ENOENT) return false;
    throw_errno("cannot move", from);
}

SmallFile read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
    using Outcome = SmallFile::Outcome;
    // O_NONBLOCK: a FIFO planted there can't hold us.
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (!fd.ok()) {
        if (errno == ENOENT) return {Outcome::kMissing, "", "missing"};
        if (errno == ELOOP) return {Outcome::kLink, "", "it is a symbolic link: not followed"};
        return {Outcome::kError, "", std::generic_category().message(errno)};
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return {Outcome::kNotRegular, "", "it is not a regular file"};
    // Checked before reading, so a huge file costs nothing.
    if (static_cast<std::uint64_t>(info.st_size) > max_bytes)
        return {Outcome::kTooLarge, "",
                "it is larger than " + std::to_string(max_bytes) + " bytes"};
    return {Outcome::kRead, read_up_to(fd.get(), static_cast<std::size_t>(info.st_size)), ""};
}

FileLock::FileLock(const std::filesystem::path& path, Mode mode, milliseconds wait)
    : file_(open_lock_file(path, wait)) {
    lock_within(file_.native(), mode == Mode::kExclusive ? LOCK_EX : LOCK_SH, wait, path);
}

FileLock::~FileLock() = default;  // closing the descriptor releases the flock

void ensure_private_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("cannot create", dir);
    if (!std::filesystem::is_directory(dir, ec))
        throw std::system_error(std::make_error_code(std::errc::not_a_directory),
                                "cannot use " + dir.string());
}

}  // namespace ccp_relogin::platform
