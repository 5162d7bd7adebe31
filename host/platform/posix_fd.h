#pragma once
// POSIX only: an owning file descriptor and the few descriptor-level calls
// the POSIX side of the seams shares (posix_files.cpp, child_process.cpp,
// journal_socket.cpp, the manifest installer). Portable code uses
// platform/files.h instead.
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

// Opens `path` with open(2) flags plus O_CLOEXEC | O_NOFOLLOW (a symlink
// planted at one of our file names is refused, not followed). Throws
// std::system_error naming the path.
UniqueFd open_no_follow(const std::filesystem::path& path, int flags, unsigned mode = 0600);

// read(2) until `size` bytes or end of file (retrying EINTR and short reads);
// a read error ends it early. The caller bounds `size`.
std::string read_up_to(int fd, std::size_t size);

// write(2) until all of `data` is written (retrying EINTR and short writes).
void write_all(int fd, std::string_view data, const std::filesystem::path& pathForErrors);

}  // namespace ccp_relogin::platform
