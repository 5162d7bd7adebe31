#include <gtest/gtest.h>

#include <string>

#include "base/bounded_json.h"
#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {
namespace {

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string nested_objects(int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "{\"a\":";
    text += "1";
    text += std::string(depth, '}');
    return text;
}

// What the protocol makes of base::parse_bounded_json at its depth limit.
using Parsed = std::variant<nlohmann::json, ProtocolError>;
Parsed parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth) {
    base::BoundedParse result = base::parse_bounded_json(text, max_depth);
    if (const auto* refusal = std::get_if<base::JsonRefusal>(&result))
        return protocol_error(*refusal);
    return std::get<nlohmann::json>(std::move(result));
}

std::string code_of(const Parsed& result) {
    const auto* error = std::get_if<ProtocolError>(&result);
    return error ? error->code : "ok";
}

TEST(ProtocolBoundedJson, ParsesAValidObject) {
    const auto result = parse_bounded_json(R"({"type":"status","id":3})");
    ASSERT_TRUE(std::holds_alternative<nlohmann::json>(result));
    EXPECT_EQ(std::get<nlohmann::json>(result)["id"], 3);
}

TEST(ProtocolBoundedJson, InvalidJsonIsBadJsonWithPosition) {
    const auto result = parse_bounded_json(R"({"type":)");
    ASSERT_EQ(code_of(result), "bad-json");
    EXPECT_NE(std::get<ProtocolError>(result).message.find("byte"), std::string::npos);
}

// nlohmann's DOM parser throws out_of_range for this, not parse_error; the
// depth check sees it first and refuses it like any other bad JSON.
TEST(ProtocolBoundedJson, ANumberTooLargeForADoubleIsBadJsonAndSaysSo) {
    const auto result = parse_bounded_json(R"({"type":"status","id":1e999})");
    ASSERT_EQ(code_of(result), "bad-json");
    EXPECT_NE(std::get<ProtocolError>(result).message.find("too large"), std::string::npos)
        << std::get<ProtocolError>(result).message;
}

TEST(ProtocolBoundedJson, EmptyAndTrailingGarbageAreBadJson) {
    EXPECT_EQ(code_of(parse_bounded_json("")), "bad-json");
    EXPECT_EQ(code_of(parse_bounded_json(R"({"type":"status"} x)")), "bad-json");
    EXPECT_EQ(code_of(parse_bounded_json(R"({"type":"status"}{})")), "bad-json");
}

TEST(ProtocolBoundedJson, InvalidUtf8IsBadJson) {
    EXPECT_EQ(code_of(parse_bounded_json("{\"type\":\"\xFF\"}")), "bad-json");
}

TEST(ProtocolBoundedJson, NestingUpToTheLimitIsAccepted) {
    EXPECT_EQ(code_of(parse_bounded_json(nested_arrays(kMaxJsonDepth))), "ok");
    EXPECT_EQ(code_of(parse_bounded_json(nested_objects(kMaxJsonDepth))), "ok");
}

TEST(ProtocolBoundedJson, NestingBeyondTheLimitIsTooDeep) {
    EXPECT_EQ(code_of(parse_bounded_json(nested_arrays(kMaxJsonDepth + 1))), "too-deep");
    EXPECT_EQ(code_of(parse_bounded_json(nested_objects(kMaxJsonDepth + 1))), "too-deep");
}

// A hostile frame: 1 MiB of "[" (unbalanced, so also invalid JSON). Depth is
// reported first, and the check must not recurse (this would overflow the
// stack of a recursive parser).
TEST(ProtocolBoundedJson, OneMebibyteOfOpeningBracketsIsTooDeep) {
    const auto result = parse_bounded_json(std::string(1024 * 1024, '['));
    EXPECT_EQ(code_of(result), "too-deep");
    EXPECT_NE(std::get<ProtocolError>(result).message.find("32"), std::string::npos);
}

TEST(ProtocolBoundedJson, CustomLimitApplies) {
    EXPECT_EQ(code_of(parse_bounded_json("[[1]]", 2)), "ok");
    EXPECT_EQ(code_of(parse_bounded_json("[[[1]]]", 2)), "too-deep");
}

}  // namespace
}  // namespace ccp_relogin::protocol
