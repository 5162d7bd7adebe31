#pragma once
// Reads whole frames (browser → host) from a ByteSource. Strict: a frame is
// exactly its announced length, and an announced length over kMaxFrameBytes is
// refused before a single body byte is read or allocated, since the stream
// can't be resynchronised after that anyway.

#include <cstdint>
#include <string>
#include <variant>

#include "messaging/byte_source.h"

namespace ccp_relogin::messaging {

// One complete frame body (UTF-8 JSON, not yet parsed).
struct Frame {
    std::string bytes;
};
// The stream ended on a frame boundary: the browser closed the port.
struct CleanEof {};
// The stream ended inside a length prefix or a body.
struct TruncatedEof {};
// The announced length is over kMaxFrameBytes; nothing of the body was read.
struct TooLarge {
    std::uint32_t length;
};

using ReadResult = std::variant<Frame, CleanEof, TruncatedEof, TooLarge>;

class FrameReader {
  public:
    explicit FrameReader(ByteSource& source) : source_(source) {}

    // Blocks until a whole frame or the end of the stream. Read errors
    // propagate as std::system_error from the source.
    ReadResult read();

  private:
    // Fills `buffer` completely across short reads; returns how many bytes
    // arrived before end of stream (== size unless the stream ended).
    std::size_t read_exactly(char* buffer, std::size_t size);

    ByteSource& source_;
};

}  // namespace ccp_relogin::messaging
