#pragma once
// Parsing one frame body as JSON with a nesting limit. A browser → host frame
// can hold up to 1 MiB of `[[[[…`; everything downstream of the parse (copies,
// comparisons, dump(), the config validator) walks the tree recursively, so a
// tree that deep could exhaust the stack. The limit is checked before any tree
// is built (see bounded_json.cpp).

#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>

#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {

// Deepest nesting a message may have; the top-level object is depth 1. Our
// deepest legitimate message is a hello carrying a policy (message → policy →
// profiles → profile → instance = 5), so 32 leaves ample room.
inline constexpr int kMaxJsonDepth = 32;

// The parsed value, or an error with code bad-json or too-deep.
using BoundedParse = std::variant<nlohmann::json, ProtocolError>;

BoundedParse parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace ccp_relogin::protocol
