// Which profile an expiry gets when its frame matches none. A frame on a
// Connect instance that is not configured is evidence of another instance:
// the custom-CCP tab around it must not sign the agent in to its own
// instance instead. Only a frame that is no Connect page (the bridge's
// auth-fail on the custom CCP itself) falls back to the tab.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "federation/profile_match.h"
#include "protocol/dispatcher.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

TEST(FederationConnectPage, TellsConnectPagesFromOthers) {
    // Connect, on either domain, and the federate URL: each names an instance.
    EXPECT_TRUE(federation::is_connect_page("https://other.my.connect.aws/ccp-v2"));
    EXPECT_TRUE(federation::is_connect_page("https://ACME.my.connect.aws/login"));
    EXPECT_TRUE(federation::is_connect_page("https://oldco.awsapps.com/connect/ccp-v2"));
    EXPECT_TRUE(
        federation::is_connect_page("https://us-east-1.console.aws.amazon.com/connect/federate/"
                                    "99999999-2222-4333-8444-555555555555?destination=%2Fccp-v2"));
    EXPECT_TRUE(
        federation::is_connect_page("https://console.amazonaws-us-gov.com/connect/federate/x"));
    // Not Connect: a custom CCP, an IAM Identity Center portal, look-alikes.
    EXPECT_FALSE(federation::is_connect_page("https://agents.example.com/ccp"));
    EXPECT_FALSE(federation::is_connect_page("https://oldco.awsapps.com/start"));
    EXPECT_FALSE(federation::is_connect_page("https://acme.my.connect.aws.evil.com/ccp-v2"));
    EXPECT_FALSE(federation::is_connect_page("https://a.b.my.connect.aws/ccp-v2"));
    EXPECT_FALSE(federation::is_connect_page("https://agents.example.com/connect/federate/x"));
    EXPECT_FALSE(federation::is_connect_page(""));
    EXPECT_FALSE(federation::is_connect_page("not a URL"));
}

Expired expired_on(std::string frame_url) {
    return Expired{"https://agents.example.com/ccp", std::move(frame_url), Signal::kText,
                   "Session expired"};
}

class ProtocolFrameFallback : public ::testing::Test {
  protected:
    test::TempDir temp_;
    test::DispatcherRig rig_{temp_.path() / "state"};
};

TEST_F(ProtocolFrameFallback, AnUnconfiguredConnectFrameDoesNotFallBackToTheTab) {
    const json reply = rig_.handle(expired_on("https://other.my.connect.aws/ccp-v2"));
    EXPECT_EQ(reply["type"], "stop") << reply.dump();
    EXPECT_EQ(reply["reason"], "no-profile") << reply.dump();
    EXPECT_FALSE(reply.contains("profile")) << reply.dump();
}

TEST_F(ProtocolFrameFallback, AnUnconfiguredLegacyConnectFrameDoesNotEither) {
    const json reply = rig_.handle(expired_on("https://oldco.awsapps.com/connect/ccp-v2"));
    EXPECT_EQ(reply["reason"], "no-profile") << reply.dump();
}

TEST_F(ProtocolFrameFallback, AFrameThatIsNoConnectPageFallsBackToTheTab) {
    const json reply = rig_.handle(expired_on("https://agents.example.com/ccp/frame"));
    EXPECT_EQ(reply["type"], "relogin") << reply.dump();
    EXPECT_EQ(reply["profile"], "agents-us");
}

TEST_F(ProtocolFrameFallback, AConfiguredConnectFrameStillDecides) {
    const json reply = rig_.handle(expired_on("https://acme.my.connect.aws/ccp-v2"));
    EXPECT_EQ(reply["profile"], "agents-us") << reply.dump();
}

}  // namespace
}  // namespace ccp_relogin::protocol
