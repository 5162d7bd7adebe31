// libFuzzer target: everything a browser (or anything that starts the host)
// controls before the dispatcher runs: the frame stream, the JSON parse with
// its depth limit, message validation, and the error replies built from them.
// Each input is used twice: as a stream of frames, and as one frame body, so
// the fuzzer need not discover the length prefix to reach the validator.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "base/bounded_json.h"
#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "protocol/protocol_error.h"
#include "protocol/validate_message.h"

namespace {

using namespace ccp_relogin;

// What answer_frame does before dispatching; the reply is encoded like a
// real one (which also exercises the 1 MiB reply limit).
void validate_body(std::string_view body) {
    base::BoundedParse parsed = base::parse_bounded_json(body, protocol::kMaxJsonDepth);
    if (const auto* refusal = std::get_if<base::JsonRefusal>(&parsed)) {
        messaging::encode_frame(
            protocol::error_reply(protocol::protocol_error(*refusal), std::nullopt));
        return;
    }
    const protocol::Validated validated =
        protocol::validate_message(std::get<nlohmann::json>(parsed));
    if (const auto* rejected = std::get_if<protocol::Rejected>(&validated))
        messaging::encode_frame(protocol::error_reply(rejected->error, rejected->re));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    messaging::MemoryByteSource source(bytes);
    messaging::FrameReader reader(source);
    for (;;) {
        const messaging::ReadResult result = reader.read();
        const auto* frame = std::get_if<messaging::Frame>(&result);
        if (!frame) break;  // EOF, truncation or too-large end the stream, as in the host
        validate_body(frame->bytes);
    }

    validate_body(bytes);
    return 0;
}
