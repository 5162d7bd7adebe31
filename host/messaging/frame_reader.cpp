#include "messaging/frame_reader.h"

#include <array>
#include <cstring>

#include "messaging/frame_limits.h"

namespace ccp_relogin::messaging {

ReadResult FrameReader::read() {
    std::array<char, kLengthPrefixBytes> prefix{};
    const std::size_t prefix_got = read_exactly(prefix.data(), prefix.size());
    if (prefix_got == 0) return CleanEof{};
    if (prefix_got < prefix.size()) return TruncatedEof{};

    // Native byte order, as Chrome writes it: copy the bytes into an integer.
    std::uint32_t length = 0;
    std::memcpy(&length, prefix.data(), sizeof length);
    if (length > kMaxFrameBytes) return TooLarge{length};

    Frame frame;
    frame.bytes.resize(length);
    if (read_exactly(frame.bytes.data(), length) < length) return TruncatedEof{};
    return frame;
}

std::size_t FrameReader::read_exactly(char* buffer, std::size_t size) {
    std::size_t filled = 0;
    while (filled < size) {
        const std::size_t got = source_.read_some({buffer + filled, size - filled});
        if (got == 0) break;
        filled += got;
    }
    return filled;
}

}  // namespace ccp_relogin::messaging
