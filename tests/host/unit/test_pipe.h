#pragma once
// A pipe for messaging tests: both ends closed on destruction, either end
// closable early (to produce EOF or EPIPE). On Windows a CRT pipe in
// binary mode, as the browser's port is once the host set it so
// (messaging/reserve_stdout.h).
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <unistd.h>
#endif

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace ccp_relogin::test {

class TestPipe {
  public:
    TestPipe() {
#ifdef _WIN32
        if (::_pipe(fds_, 1 << 16, _O_BINARY) != 0) throw std::runtime_error("_pipe() failed");
#else
        if (::pipe(fds_) != 0) throw std::runtime_error("pipe() failed");
#endif
    }
    ~TestPipe() {
        close_read();
        close_write();
    }
    TestPipe(const TestPipe&) = delete;
    TestPipe& operator=(const TestPipe&) = delete;

    int read_end() const { return fds_[0]; }
    int write_end() const { return fds_[1]; }
    void close_read() { close_fd(fds_[0]); }
    void close_write() { close_fd(fds_[1]); }

    // Writes all of `bytes` (blocking).
    void write_all(const std::string& bytes) const {
        std::size_t done = 0;
        while (done < bytes.size()) {
#ifdef _WIN32
            const int n =
                ::_write(fds_[1], bytes.data() + done, static_cast<unsigned>(bytes.size() - done));
#else
            const ssize_t n = ::write(fds_[1], bytes.data() + done, bytes.size() - done);
#endif
            if (n <= 0) throw std::runtime_error("write to test pipe failed");
            done += static_cast<std::size_t>(n);
        }
    }

  private:
    static void close_fd(int& fd) {
#ifdef _WIN32
        if (fd >= 0) ::_close(fd);
#else
        if (fd >= 0) ::close(fd);
#endif
        fd = -1;
    }
    int fds_[2] = {-1, -1};
};

// A frame as Chrome sends it: native-endian length, then the body.
inline std::string chrome_frame(const std::string& body) {
    const auto length = static_cast<std::uint32_t>(body.size());
    std::string frame(sizeof length, '\0');
    std::memcpy(frame.data(), &length, sizeof length);
    return frame + body;
}

inline std::string length_prefix(std::uint32_t length) {
    std::string prefix(sizeof length, '\0');
    std::memcpy(prefix.data(), &length, sizeof length);
    return prefix;
}

}  // namespace ccp_relogin::test
