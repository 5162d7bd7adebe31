#include "platform/posix_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

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

// FileProblem unless the file open on `fd` is a regular file of ours.
void require_own_regular_file(int fd, const std::filesystem::path& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) throw_errno("cannot inspect", path);
    if (!S_ISREG(info.st_mode)) throw_not_regular(path);
    if (info.st_uid != ::geteuid())
        throw FileProblem(path.string() + " belongs to uid " + std::to_string(info.st_uid) +
                          ", not to uid " + std::to_string(::geteuid()));
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
UniqueFd open_lock_file(const std::filesystem::path& path, milliseconds wait) {
    try {
        return open_own_file(path, O_RDWR | O_CREAT);
    } catch (const std::exception&) {
        remove_unless_own_file(path, wait);  // then one more try, whose error counts
    }
    return open_own_file(path, O_RDWR | O_CREAT);
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
}

int UniqueFd::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

void UniqueFd::reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

FileLock::FileLock(const std::filesystem::path& path, Mode mode, milliseconds wait)
    : fd_(open_lock_file(path, wait)) {
    lock_within(fd_.get(), mode == Mode::kExclusive ? LOCK_EX : LOCK_SH, wait, path);
}

UniqueFd open_no_follow(const std::filesystem::path& path, int flags, unsigned mode) {
    UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode)));
    if (!fd.ok()) throw_errno("cannot open", path);
    return fd;
}

std::optional<UniqueFd> open_own_file_if_present(const std::filesystem::path& path, int flags,
                                                 unsigned mode) {
    UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
                       static_cast<mode_t>(mode)));
    if (!fd.ok() && errno == ENOENT && !(flags & O_CREAT)) return std::nullopt;
    // ENXIO: a FIFO without a reader (opened for writing), a socket, a device.
    if (!fd.ok() && errno == ENXIO) throw_not_regular(path);
    if (!fd.ok()) throw_errno("cannot open", path);
    require_own_regular_file(fd.get(), path);
    return fd;
}

UniqueFd open_own_file(const std::filesystem::path& path, int flags, unsigned mode) {
    auto fd = open_own_file_if_present(path, flags, mode);
    if (!fd) {
        errno = ENOENT;
        throw_errno("cannot open", path);
    }
    return std::move(*fd);
}

UniqueFd create_fresh_file(const std::filesystem::path& path, int flags, unsigned mode) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("cannot remove", path);
    return open_own_file(path, flags | O_CREAT | O_EXCL, mode);
}

void ensure_private_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("cannot create", dir);
    if (!std::filesystem::is_directory(dir, ec))
        throw std::system_error(std::make_error_code(std::errc::not_a_directory),
                                "cannot use " + dir.string());
}

std::string read_up_to(int fd, std::size_t size) {
    std::string text(size, '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

void write_all(int fd, std::string_view data, const std::filesystem::path& pathForErrors) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw_errno("cannot write", pathForErrors);
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace ccp_relogin::platform
