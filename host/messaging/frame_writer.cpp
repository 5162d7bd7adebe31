#include "messaging/frame_writer.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>

#ifdef _WIN32
#include <io.h>
#include <windows.h>

#include <cstdlib>  // _doserrno
#else
#include <unistd.h>
#endif

#include "messaging/frame_limits.h"

namespace ccp_relogin::messaging {
namespace {

// `replace` keeps dump() from throwing on invalid UTF-8: every string we send
// came through the JSON parser (which rejects invalid UTF-8) or from config,
// but a frame writer must not be the place where the host dies.
std::string serialize(const nlohmann::json& message) {
    return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string reply_too_large(const nlohmann::json& message, std::size_t size) {
    nlohmann::json error = {
        {"type", "error"},
        {"code", "reply-too-large"},
        {"message", "the host's reply (" + std::to_string(size) +
                        " bytes) is over the 1 MiB native messaging limit and was not sent"},
    };
    if (message.is_object() && message.contains("re")) error["re"] = message["re"];
    return serialize(error);
}

std::string with_length_prefix(const std::string& body) {
    const auto length = static_cast<std::uint32_t>(body.size());
    std::string frame(sizeof length, '\0');
    std::memcpy(frame.data(), &length, sizeof length);
    frame += body;
    return frame;
}

// The browser closed its end of the port. On Windows the pipe's reader
// being gone is ERROR_NO_DATA (or ERROR_BROKEN_PIPE) from WriteFile, which
// the C runtime may turn into EINVAL rather than EPIPE (Wine's does: the
// test MessagingFrameWriter.ClosedReadEndMeansBrowserGone), so the system
// error is asked too.
bool reader_gone() {
#ifdef _WIN32
    if (_doserrno == ERROR_NO_DATA || _doserrno == ERROR_BROKEN_PIPE) return true;
#endif
    return errno == EPIPE;
}

}  // namespace

std::string encode_frame(const nlohmann::json& message) {
    std::string body = serialize(message);
    if (body.size() > kMaxFrameBytes) body = reply_too_large(message, body.size());
    return with_length_prefix(body);
}

WriteStatus FrameWriter::write(const nlohmann::json& message) {
    const std::string frame = encode_frame(message);
    std::size_t written = 0;
    while (written < frame.size()) {
#ifdef _WIN32
        _doserrno = 0;  // reader_gone() reads it only for this call's failure
        const int n =
            ::_write(fd_, frame.data() + written, static_cast<unsigned>(frame.size() - written));
#else
        const ssize_t n = ::write(fd_, frame.data() + written, frame.size() - written);
#endif
        if (n >= 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EINTR) continue;
        if (reader_gone()) return WriteStatus::kBrowserGone;
        throw std::system_error(errno, std::generic_category(), "writing to the browser");
    }
    return WriteStatus::kWritten;
}

}  // namespace ccp_relogin::messaging
