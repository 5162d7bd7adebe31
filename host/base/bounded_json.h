#pragma once
// Parsing untrusted text (a frame body, a helpdesk request line) as JSON with
// a nesting limit. A browser → host frame can hold up to 1 MiB of `[[[[…`;
// everything downstream of the parse (copies, comparisons, dump(), the config
// validator) walks the tree recursively, so a tree that deep could exhaust
// the stack. The limit is checked while the tree is built, which stops at the
// first level too deep (see bounded_json.cpp).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace ccp_relogin::base {

// Why a text was refused; `message` is one sentence that never quotes the text
// (it may be page content), only a byte position. kNumberTooLarge is bad JSON
// too, named apart because the text looks valid: a number beyond a double
// (1e999), which nlohmann's tree parser would throw as out_of_range.
struct JsonRefusal {
    enum class Kind { kBadJson, kNumberTooLarge, kTooDeep };
    Kind kind;
    std::string message;
    std::size_t offset = 0;  // 0-based byte where the refused part starts
};

// The parsed value, or why it was refused.
using BoundedParse = std::variant<nlohmann::json, JsonRefusal>;

BoundedParse parse_bounded_json(std::string_view text, int max_depth);

}  // namespace ccp_relogin::base
