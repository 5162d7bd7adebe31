#pragma once
// Writes whole frames (host → browser). A reply whose JSON would exceed
// kMaxFrameBytes is never written, because Chrome would close the port on it;
// an `error` reply with code `reply-too-large` (same `re`) goes out instead.

#include <nlohmann/json.hpp>
#include <string>

namespace ccp_relogin::messaging {

// The complete frame for `message`: length prefix in native byte order, then
// the compact JSON. Pure; applies the reply-too-large substitution.
std::string encode_frame(const nlohmann::json& message);

enum class WriteStatus {
    kWritten,
    kBrowserGone,  // the read end is closed (EPIPE): the browser closed the port
};

class FrameWriter {
  public:
    // Writes to `fd`, which the writer does not own. Expects SIGPIPE to be
    // ignored (reserve_stdout_for_frames does that) so a closed port shows up
    // as EPIPE rather than killing the process.
    explicit FrameWriter(int fd) : fd_(fd) {}

    // Writes the whole frame across partial writes and EINTR. Other write
    // errors throw std::system_error.
    WriteStatus write(const nlohmann::json& message);

  private:
    int fd_;
};

}  // namespace ccp_relogin::messaging
