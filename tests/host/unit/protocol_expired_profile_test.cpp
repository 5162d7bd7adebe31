// expired.profile: the extension names the profile when there is no page to
// choose it from (after a helpdesk force-relogin, or "Sign in again" with no
// expired page open). Validated like every field; used by the dispatcher
// when it names a configured profile, else the URLs decide as before.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "protocol/dispatcher.h"
#include "protocol/validate_message.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

json forced_expired(json profile) {
    json message = {{"type", "expired"},
                    {"tabUrl", "https://agents.example.com/ccp"},
                    {"frameUrl", "https://acme.my.connect.aws/ccp-v2"},
                    {"signal", "text"},
                    {"evidence", "forced: INC-7"}};
    if (!profile.is_discarded()) message["profile"] = std::move(profile);
    return message;
}

std::string code_of(const json& message) {
    const Validated v = validate_message(message);
    if (const auto* rejected = std::get_if<Rejected>(&v)) return rejected->error.code;
    return "(accepted)";
}

TEST(ProtocolExpiredProfile, IsOptionalAndReadWhenPresent) {
    const auto without =
        std::get<Request>(validate_message(forced_expired(json::value_t::discarded)));
    EXPECT_EQ(std::get<Expired>(without.body).profile, std::nullopt);
    const auto with_null = std::get<Request>(validate_message(forced_expired(nullptr)));
    EXPECT_EQ(std::get<Expired>(with_null.body).profile, std::nullopt);
    const auto named = std::get<Request>(validate_message(forced_expired("admins-us")));
    EXPECT_EQ(std::get<Expired>(named.body).profile, "admins-us");
}

TEST(ProtocolExpiredProfile, IsABoundedString) {
    EXPECT_EQ(code_of(forced_expired(7)), error_code::kWrongType);
    EXPECT_EQ(code_of(forced_expired(json::array({"a"}))), error_code::kWrongType);
    EXPECT_EQ(code_of(forced_expired(std::string(64, 'p'))), "(accepted)");
    EXPECT_EQ(code_of(forced_expired(std::string(65, 'p'))), error_code::kTooLong);
    const Validated v = validate_message(forced_expired(std::string(65, 'p')));
    EXPECT_EQ(std::get<Rejected>(v).error.field, "profile");
}

Expired expired_naming(std::optional<std::string> profile) {
    Expired e{"https://agents.example.com/ccp", "https://acme.my.connect.aws/ccp-v2", Signal::kText,
              "forced: INC-7"};
    e.profile = std::move(profile);
    return e;
}

class ProtocolExpiredProfileDispatch : public ::testing::Test {
  protected:
    test::TempDir temp_;
    test::DispatcherRig rig_{temp_.path() / "state", test::agents_and_admins_config()};
};

TEST_F(ProtocolExpiredProfileDispatch, URLsDecideWhenNoProfileIsNamed) {
    EXPECT_EQ(rig_.handle(expired_naming(std::nullopt))["profile"], "agents-us");
}

TEST_F(ProtocolExpiredProfileDispatch, ANamedConfiguredProfileWinsOverTheURLs) {
    const json reply = rig_.handle(expired_naming("admins-us"));
    EXPECT_EQ(reply["type"], "relogin") << reply.dump();
    EXPECT_EQ(reply["profile"], "admins-us");
    // Built from admins-us's configuration, not from anything reported.
    EXPECT_NE(reply["signInUrl"].get<std::string>().find("%252Fhome"), std::string::npos)
        << reply["signInUrl"];
    EXPECT_EQ(rig_.audit.back()["request"]["profile"], "admins-us");
}

TEST_F(ProtocolExpiredProfileDispatch, AnUnknownNameFallsBackToTheURLs) {
    EXPECT_EQ(rig_.handle(expired_naming("agents-eu"))["profile"], "agents-us");
}

TEST_F(ProtocolExpiredProfileDispatch, AnUnknownNameAndNoMatchingPageSaysSo) {
    Expired e = expired_naming("agents-eu");
    e.tabUrl = "https://elsewhere.example.org/";
    e.frameUrl = "https://elsewhere.example.org/";
    const json reply = rig_.handle(e);
    EXPECT_EQ(reply["type"], "stop");
    EXPECT_EQ(reply["reason"], "no-profile");
    EXPECT_NE(reply["diagnosis"].get<std::string>().find("no profile named \"agents-eu\""),
              std::string::npos)
        << reply["diagnosis"];
}

}  // namespace
}  // namespace ccp_relogin::protocol
