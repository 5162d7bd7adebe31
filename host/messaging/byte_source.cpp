#include "messaging/byte_source.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace ccp_relogin::messaging {

std::size_t FdByteSource::read_some(std::span<char> buffer) {
    for (;;) {
#ifdef _WIN32
        const int got = ::_read(fd_, buffer.data(), static_cast<unsigned>(buffer.size()));
#else
        const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
#endif
        if (got >= 0) return static_cast<std::size_t>(got);
        // A signal arriving mid-read is not an error: read again.
        if (errno == EINTR) continue;
        throw std::system_error(errno, std::generic_category(), "reading from the browser");
    }
}

std::size_t MemoryByteSource::read_some(std::span<char> buffer) {
    const std::size_t n = std::min(buffer.size(), remaining_.size());
    std::copy_n(remaining_.begin(), n, buffer.begin());
    remaining_ = remaining_.subspan(n);
    return n;
}

}  // namespace ccp_relogin::messaging
