#pragma once
// Turning parsed JSON into a typed Request, strictly: every field the
// protocol requires must be present with the right type and within its
// length limit; the first problem found is reported, naming the field.
// Pure: no I/O, no configuration.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "base/url.h"
#include "protocol/messages.h"
#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {

// String length limits, in bytes. Generous for real use, small enough that a
// hostile page can't make the host carry megabytes of "URL" around.
namespace message_limits {
inline constexpr std::size_t kMaxIdLength = 128;
inline constexpr std::size_t kMaxNameLength = 64;  // browser, extensionVersion, stage
// Longer URLs could never match a profile anyway (base/url.h).
inline constexpr std::size_t kMaxUrlLength = base::kMaxParsedUrlLength;
inline constexpr std::size_t kMaxEvidenceLength = 1024;
inline constexpr std::size_t kMaxCorrelationIdLength = 64;
inline constexpr std::size_t kMaxProfileNameLength = 64;  // expired.profile, cookie-rule.profile
// cookie-rule's patterns: "https://", a host name (at most 253), a port, "/*".
inline constexpr std::size_t kMaxPatternLength = 300;
// sign-in-stalled.renavigation: the extension makes at most 2 per sign-in;
// the bound only keeps the audit trail free of nonsense.
inline constexpr std::int64_t kMaxRenavigation = 100;
}  // namespace message_limits

// A message that failed validation: the error, and the request id when the
// id itself was valid (so the error reply can carry `re`).
struct Rejected {
    ProtocolError error;
    std::optional<nlohmann::json> re;
};

using Validated = std::variant<Request, Rejected>;

// Checks, in order: an object (not-object); `id`, if present, a string of at
// most kMaxIdLength or a number (wrong-type, too-long); `type` present and a
// string (missing-field, wrong-type) naming a known message (unknown-type);
// then the fields of that type (missing-field, wrong-type, too-long,
// bad-value; hello's `v` above kProtocolVersion gives version). Optional
// fields (expired.profile) may be absent or null; if present they are checked
// like the others.
Validated validate_message(const nlohmann::json& message);

}  // namespace ccp_relogin::protocol
