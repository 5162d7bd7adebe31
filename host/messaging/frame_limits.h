#pragma once
// messaging/ owns the native messaging port: the byte framing Chrome and Edge
// use (a 4-byte length in native byte order, then that many bytes of UTF-8
// JSON), reading and writing whole frames over file descriptors, and keeping
// stdout reserved for frames. It knows nothing about message types; that is
// protocol/.

#include <cstddef>
#include <cstdint>

namespace ccp_relogin::messaging {

// Size of the length prefix in front of every frame.
inline constexpr std::size_t kLengthPrefixBytes = sizeof(std::uint32_t);

// Largest frame body either way. Chrome closes the port on a host → browser
// frame over 1 MiB; browser → host frames may legally be up to 64 MiB, but no
// message of ours comes near 1 MiB, so anything larger is refused unread.
inline constexpr std::uint32_t kMaxFrameBytes = 1024 * 1024;

}  // namespace ccp_relogin::messaging
