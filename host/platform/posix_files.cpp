#include "platform/posix_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ccp_relogin::platform {
namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
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

FileLock::FileLock(const std::filesystem::path& path, Mode mode)
    : fd_(open_no_follow(path, O_RDWR | O_CREAT)) {
    const int operation = mode == Mode::kExclusive ? LOCK_EX : LOCK_SH;
    while (::flock(fd_.get(), operation) != 0)
        if (errno != EINTR) throw_errno("cannot lock", path);
}

UniqueFd open_no_follow(const std::filesystem::path& path, int flags, unsigned mode) {
    UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode)));
    if (!fd.ok()) throw_errno("cannot open", path);
    return fd;
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
