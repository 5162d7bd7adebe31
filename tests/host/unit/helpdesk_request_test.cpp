#include <gtest/gtest.h>

#include <string>

#include "helpdesk/request.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {
namespace {

std::string error_code_of(std::string_view line) {
    const auto parsed = parse_helpdesk_request(line);
    const auto* error = std::get_if<RequestError>(&parsed);
    return error ? error->code : "(accepted)";
}

TEST(HelpdeskRequest, StatusIsRecognised) {
    EXPECT_TRUE(
        std::holds_alternative<StatusRequest>(parse_helpdesk_request(R"({"type":"status"})")));
    // Unknown fields are ignored, like in the native messaging protocol.
    EXPECT_TRUE(std::holds_alternative<StatusRequest>(
        parse_helpdesk_request(R"({"type":"status","verbose":true})")));
}

TEST(HelpdeskRequest, ReloginForOneProfileCarriesTheSanitisedReason) {
    const auto parsed =
        parse_helpdesk_request(R"({"type":"relogin","profile":"agents-us","reason":" INC-1\n"})");
    const auto& relogin = std::get<ReloginRequest>(parsed);
    EXPECT_EQ(relogin.profile, "agents-us");
    EXPECT_EQ(relogin.reason, "INC-1");
}

TEST(HelpdeskRequest, ReloginWithoutProfileMeansEveryProfileAndDefaultsTheReason) {
    for (const char* line : {R"({"type":"relogin"})", R"({"type":"relogin","profile":null})"}) {
        const auto relogin = std::get<ReloginRequest>(parse_helpdesk_request(line));
        EXPECT_EQ(relogin.profile, std::nullopt) << line;
        EXPECT_EQ(relogin.reason, kDefaultReason) << line;
    }
}

TEST(HelpdeskRequest, MalformedRequestsNameTheProblem) {
    EXPECT_EQ(error_code_of("{\"type\":"), helpdesk_error::kBadJson);
    EXPECT_EQ(error_code_of(""), helpdesk_error::kBadJson);
    EXPECT_EQ(error_code_of(R"(["status"])"), helpdesk_error::kNotObject);
    EXPECT_EQ(error_code_of(R"({"profile":"x"})"), helpdesk_error::kMissingField);
    EXPECT_EQ(error_code_of(R"({"type":1})"), helpdesk_error::kWrongType);
    EXPECT_EQ(error_code_of(R"({"type":"reboot"})"), helpdesk_error::kUnknownType);
    EXPECT_EQ(error_code_of(R"({"type":"relogin","profile":7})"), helpdesk_error::kWrongType);
    EXPECT_EQ(error_code_of(R"({"type":"relogin","profile":""})"), helpdesk_error::kWrongType);
    EXPECT_EQ(error_code_of(R"({"type":"relogin","reason":["x"]})"), helpdesk_error::kWrongType);
}

TEST(HelpdeskRequest, OverlongFieldsAndLinesAreRefused) {
    const std::string long_name(65, 'a');
    EXPECT_EQ(error_code_of(R"({"type":"relogin","profile":")" + long_name + "\"}"),
              helpdesk_error::kTooLong);
    const std::string huge_reason(5000, 'r');
    EXPECT_EQ(error_code_of(R"({"type":"relogin","reason":")" + huge_reason + "\"}"),
              helpdesk_error::kTooLong);
    std::string line = R"({"type":"status","pad":")";
    line += std::string(kMaxRequestBytes, ' ') + "\"}";
    EXPECT_EQ(error_code_of(line), helpdesk_error::kTooLong);
}

TEST(HelpdeskRequest, DeepNestingIsRefusedBeforeItIsBuilt) {
    EXPECT_EQ(error_code_of(std::string(10000, '[') + std::string(10000, ']')),
              helpdesk_error::kBadJson);
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
