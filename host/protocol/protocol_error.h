#pragma once
// The `error` reply: {"type":"error","code":…,"message":…,"re":…,"field":…}.
// `code` is stable (the extension and tests branch on it); `message` is one
// sentence for people and names the offending field; `field` repeats that
// field's name for programs when there is one; `re` is present only when the
// request carried a valid `id`.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/bounded_json.h"

namespace ccp_relogin::protocol {

// Deepest nesting a message may have; the top-level object is depth 1. Our
// deepest legitimate message is a hello carrying a policy (message → policy →
// profiles → profile → instance = 5), so 32 leaves ample room.
inline constexpr int kMaxJsonDepth = 32;

namespace error_code {
inline constexpr std::string_view kBadJson = "bad-json";      // not parseable as JSON
inline constexpr std::string_view kTooDeep = "too-deep";      // nesting over kMaxJsonDepth
inline constexpr std::string_view kNotObject = "not-object";  // valid JSON, not an object
inline constexpr std::string_view kMissingField = "missing-field";
inline constexpr std::string_view kWrongType = "wrong-type";
inline constexpr std::string_view kBadValue = "bad-value";  // right type, value not allowed
inline constexpr std::string_view kTooLong = "too-long";    // a string over its length limit
inline constexpr std::string_view kUnknownType = "unknown-type";
inline constexpr std::string_view kVersion = "version";     // hello.v is a newer major version
inline constexpr std::string_view kOrigin = "origin";       // caller not an allowed extension
inline constexpr std::string_view kTooLarge = "too-large";  // incoming frame over 1 MiB
inline constexpr std::string_view kReplyTooLarge = "reply-too-large";  // see frame_writer.h
inline constexpr std::string_view kUnknownCorrelation = "unknown-correlation";
inline constexpr std::string_view kStateUnavailable = "state-unavailable";
inline constexpr std::string_view kInternal = "internal";  // a bug: the host keeps serving
}  // namespace error_code

struct ProtocolError {
    std::string code;
    std::string message;
    std::string field;  // "" when the error is not about one field
};

// A frame body refused by base::parse_bounded_json, as code bad-json or too-deep.
ProtocolError protocol_error(const base::JsonRefusal& refusal);

// The reply frame for `error`; `re` is the request id when known.
nlohmann::json error_reply(const ProtocolError& error, const std::optional<nlohmann::json>& re);

}  // namespace ccp_relogin::protocol
