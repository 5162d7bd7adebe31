#pragma once
// Where frame bytes come from. The frame reader is written against this small
// interface so the same parsing code runs on the browser's stdin (FdByteSource),
// on a pipe in tests, and on a fuzzer's byte buffer (MemoryByteSource).

#include <cstddef>
#include <span>

namespace ccp_relogin::messaging {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    // Reads up to buffer.size() bytes; returns how many, 0 meaning end of
    // stream. A short read is normal (pipes deliver what they have). Throws
    // std::system_error on a read error.
    virtual std::size_t read_some(std::span<char> buffer) = 0;
};

// Reads from a file descriptor it does not own; retries on EINTR.
class FdByteSource final : public ByteSource {
  public:
    explicit FdByteSource(int fd) : fd_(fd) {}
    std::size_t read_some(std::span<char> buffer) override;

  private:
    int fd_;
};

// Reads from bytes held by the caller (they must outlive the source).
class MemoryByteSource final : public ByteSource {
  public:
    explicit MemoryByteSource(std::span<const char> bytes) : remaining_(bytes) {}
    std::size_t read_some(std::span<char> buffer) override;

  private:
    std::span<const char> remaining_;
};

}  // namespace ccp_relogin::messaging
