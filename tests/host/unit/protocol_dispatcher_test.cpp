#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/dispatcher.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;
using test::DispatcherRig;
using test::kAgentsSignInUrl;
using test::TempDir;

constexpr std::int64_t kSecond = 1000;

Hello hello(std::optional<json> policy = std::nullopt) {
    return Hello{1, "chrome", "0.1.0", std::move(policy)};
}

// An expiry inside the custom CCP: the Connect frame shows it.
Expired expired_in_custom_ccp() {
    return Expired{"https://agents.example.com/ccp/queue?tab=2",
                   "https://acme.my.connect.aws/ccp-v2", Signal::kText, "Session expired"};
}

class ProtocolDispatcher : public ::testing::Test {
  protected:
    std::filesystem::path state_dir() const { return temp_.path() / "state"; }

    TempDir temp_;
    DispatcherRig rig_{state_dir()};
};

TEST_F(ProtocolDispatcher, HelloIsAnsweredWithWelcomeAndTheExtensionView) {
    const json reply = rig_.handle(hello(), json(1));
    EXPECT_EQ(reply["type"], "welcome");
    EXPECT_EQ(reply["v"], 1);
    EXPECT_EQ(reply["re"], 1);
    EXPECT_TRUE(reply["hostVersion"].is_string());
    EXPECT_EQ(reply["problems"], json::array());
    ASSERT_EQ(reply["config"]["profiles"].size(), 1u);
    EXPECT_EQ(reply["config"]["profiles"][0]["name"], "agents-us");
    // The extension view never carries the Entra IDs.
    EXPECT_EQ(reply["config"].dump().find("aaaaaaaa-bbbb"), std::string::npos);
}

TEST_F(ProtocolDispatcher, HelloPolicyIsTheHighestLayerAndItsProblemsAreListed) {
    const json policy = {{"relogin", {{"timeoutSeconds", 120}}},
                         {"guard", {{"maxAttempts", "three"}}}};
    const json reply = rig_.handle(hello(policy));
    EXPECT_EQ(reply["config"]["relogin"]["timeoutSeconds"], 120);
    EXPECT_EQ(reply["config"]["guard"]["maxAttempts"], 3) << "the invalid value falls back";
    ASSERT_EQ(reply["problems"].size(), 1u);
    EXPECT_EQ(reply["problems"][0]["source"], "policy");
    EXPECT_EQ(reply["problems"][0]["path"], "guard.maxAttempts");
    EXPECT_TRUE(reply["problems"][0]["reason"].is_string());
    // …and the policy's valid rest governs later decisions.
    const json relogin = rig_.handle(expired_in_custom_ccp());
    EXPECT_EQ(relogin["deadlineMs"], rig_.clock.now_ms() + 120 * kSecond);
}

TEST_F(ProtocolDispatcher, LaterHelloReplacesThePolicy) {
    rig_.handle(hello(json{{"relogin", {{"timeoutSeconds", 120}}}}));
    const json reply = rig_.handle(hello());
    EXPECT_EQ(reply["config"]["relogin"]["timeoutSeconds"], 300);
}

TEST_F(ProtocolDispatcher, ExpiryIsAnsweredWithReloginBuiltFromConfiguration) {
    const json reply = rig_.handle(expired_in_custom_ccp(), json("e1"));
    EXPECT_EQ(reply["type"], "relogin");
    EXPECT_EQ(reply["re"], "e1");
    EXPECT_EQ(reply["attempt"], 1);
    EXPECT_EQ(reply["correlationId"], "corr-1");
    EXPECT_EQ(reply["profile"], "agents-us");
    EXPECT_EQ(reply["signInUrl"], kAgentsSignInUrl);
    // The custom CCP page the agent was on, rebuilt from the allowlisted
    // origin without the page's query.
    EXPECT_EQ(reply["returnUrl"], "https://agents.example.com/ccp/queue");
    EXPECT_EQ(reply["deadlineMs"], rig_.clock.now_ms() + 300 * kSecond);
}

TEST_F(ProtocolDispatcher, TabUrlChoosesTheProfileWhenTheFrameDoesNot) {
    Expired e{"https://acme.my.connect.aws/connect/login", "about:blank", Signal::kLoginPage,
              "/connect/login"};
    const json reply = rig_.handle(e);
    EXPECT_EQ(reply["type"], "relogin");
    EXPECT_EQ(reply["signInUrl"], kAgentsSignInUrl);
    EXPECT_EQ(reply["returnUrl"], "https://agents.example.com/ccp") << "returnTo[0]";
}

TEST_F(ProtocolDispatcher, ReportedUrlsNeverBecomeTargets) {
    Expired e{"https://evil.example.net/ccp?next=https://evil.example.net",
              "https://acme.my.connect.aws/ccp-v2?redirect=https://evil.example.net",
              Signal::kStreams, "auth-fail"};
    const json reply = rig_.handle(e);
    EXPECT_EQ(reply["signInUrl"], kAgentsSignInUrl);
    EXPECT_EQ(reply["returnUrl"], "https://agents.example.com/ccp");
    EXPECT_EQ(reply.dump().find("evil"), std::string::npos);
}

TEST_F(ProtocolDispatcher, UnmatchedPageIsStoppedWithNoProfile) {
    Expired e{"https://intranet.example.org/", "https://other.my.connect.aws/ccp-v2", Signal::kText,
              "Session expired"};
    const json reply = rig_.handle(e, json(5));
    EXPECT_EQ(reply["type"], "stop");
    EXPECT_EQ(reply["reason"], "no-profile");
    EXPECT_EQ(reply["re"], 5);
    const std::string diagnosis = reply["diagnosis"];
    EXPECT_NE(diagnosis.find("other.my.connect.aws"), std::string::npos) << diagnosis;
    EXPECT_NE(diagnosis.find("agents-us"), std::string::npos) << diagnosis;
}

TEST_F(ProtocolDispatcher, WithoutProfilesTheStopPointsAtCheckConfig) {
    TempDir other;
    DispatcherRig empty(other.path(), json{{"profiles", json::array()}});
    const json reply = empty.handle(expired_in_custom_ccp());
    EXPECT_EQ(reply["reason"], "no-profile");
    EXPECT_NE(reply["diagnosis"].get<std::string>().find("check-config"), std::string::npos);
}

TEST_F(ProtocolDispatcher, SecondExpiryWhileSigningInWaits) {
    EXPECT_EQ(rig_.handle(expired_in_custom_ccp())["type"], "relogin");
    const json reply = rig_.handle(expired_in_custom_ccp());
    EXPECT_EQ(reply["type"], "wait");
    EXPECT_EQ(reply["reason"], "in-progress");
    EXPECT_EQ(reply["profile"], "agents-us");
    EXPECT_GT(reply["retryAfterMs"].get<std::int64_t>(), 0);
}

TEST_F(ProtocolDispatcher, LandedIsAnsweredWithTheReturnTargetOfThatSignIn) {
    rig_.handle(expired_in_custom_ccp());
    rig_.clock.advance(20 * kSecond);
    const json reply =
        rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"}, json("l1"));
    EXPECT_EQ(reply["type"], "return");
    EXPECT_EQ(reply["re"], "l1");
    EXPECT_EQ(reply["correlationId"], "corr-1");
    EXPECT_EQ(reply["url"], "https://agents.example.com/ccp/queue");
    // Reported twice (a retried message): the same answer, no error.
    EXPECT_EQ(rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"})["type"],
              "return");
}

TEST_F(ProtocolDispatcher, LandedForAnUnknownSignInIsAnError) {
    const json reply = rig_.handle(Landed{"made-up", "https://acme.my.connect.aws/"}, json(8));
    EXPECT_EQ(reply["type"], "error");
    EXPECT_EQ(reply["code"], "unknown-correlation");
    EXPECT_EQ(reply["field"], "correlationId");
    EXPECT_EQ(reply["re"], 8);
}

TEST_F(ProtocolDispatcher, ExpiryRightAfterLandingIsStoppedAsALoop) {
    rig_.handle(expired_in_custom_ccp());
    rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"});
    rig_.clock.advance(10 * kSecond);
    const json reply = rig_.handle(expired_in_custom_ccp());
    EXPECT_EQ(reply["type"], "stop");
    EXPECT_EQ(reply["reason"], "loop");
    EXPECT_EQ(reply["profile"], "agents-us");
    EXPECT_NE(reply["diagnosis"].get<std::string>().find("GetFederationToken"), std::string::npos);
}

TEST_F(ProtocolDispatcher, FailedAfterTheBackoffIsRetried) {
    rig_.handle(expired_in_custom_ccp());
    rig_.clock.advance(5 * kSecond);  // past the first back-off (2 s)
    const json reply =
        rig_.handle(Failed{"corr-1", "entra", "https://login.microsoftonline.com/", "AADSTS"});
    EXPECT_EQ(reply["type"], "relogin");
    EXPECT_EQ(reply["attempt"], 2);
    EXPECT_EQ(reply["correlationId"], "corr-2");
    EXPECT_EQ(reply["signInUrl"], kAgentsSignInUrl);
    EXPECT_EQ(reply["returnUrl"], "https://agents.example.com/ccp/queue") << "kept from attempt 1";
}

TEST_F(ProtocolDispatcher, FailedWithinTheBackoffWaits) {
    rig_.handle(expired_in_custom_ccp());
    rig_.clock.advance(500);
    const json reply = rig_.handle(Failed{"corr-1", "aws", "https://signin.aws.amazon.com/", "x"});
    EXPECT_EQ(reply["type"], "wait");
    EXPECT_EQ(reply["reason"], "backoff");
    EXPECT_EQ(reply["retryAfterMs"], 1500);
}

TEST_F(ProtocolDispatcher, FailedForAnUnknownSignInIsAnError) {
    const json reply = rig_.handle(Failed{"nope", "entra", "https://x.example/", ""});
    EXPECT_EQ(reply["code"], "unknown-correlation");
}

// A status decides nothing: the trail would only fill with them.
TEST_F(ProtocolDispatcher, AnAnsweredStatusIsNotAudited) {
    rig_.handle(expired_in_custom_ccp());
    const auto lines = rig_.audit.size();
    EXPECT_EQ(rig_.handle(StatusQuery{})["type"], "status");
    EXPECT_EQ(rig_.audit.size(), lines);
}

TEST_F(ProtocolDispatcher, StatusShowsGuardStateConfigurationAndVersion) {
    rig_.handle(expired_in_custom_ccp());
    const json reply = rig_.handle(StatusQuery{}, json("s"));
    EXPECT_EQ(reply["type"], "status");
    EXPECT_EQ(reply["re"], "s");
    EXPECT_TRUE(reply["hostVersion"].is_string());
    EXPECT_EQ(reply["configuredProfiles"], json::array({"agents-us"}));
    EXPECT_EQ(reply["problems"], json::array());
    EXPECT_EQ(reply["profiles"]["agents-us"]["inFlight"]["correlationId"], "corr-1");
}

TEST_F(ProtocolDispatcher, EveryDecisionIsAudited) {
    rig_.handle(hello());
    rig_.handle(expired_in_custom_ccp());
    rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"});
    rig_.handle(Landed{"unknown", "https://acme.my.connect.aws/ccp-v2"});
    ASSERT_EQ(rig_.audit.size(), 3u) << "a hello with a sound configuration is no event";
    EXPECT_EQ(rig_.audit[0]["event"], "expired");
    EXPECT_EQ(rig_.audit[0]["kind"], "relogin-started");
    EXPECT_EQ(rig_.audit[1]["kind"], "landed");
    EXPECT_EQ(rig_.audit[2]["kind"], "refused");
    EXPECT_EQ(rig_.audit[0]["decision"], "relogin");
    EXPECT_EQ(rig_.audit[0]["request"]["frameUrl"], "https://acme.my.connect.aws/ccp-v2");
    EXPECT_EQ(rig_.audit[0]["reply"]["correlationId"], "corr-1");
    EXPECT_EQ(rig_.audit[1]["decision"], "return");
    EXPECT_EQ(rig_.audit[2]["decision"], "error");
}

TEST_F(ProtocolDispatcher, ALandingSaysHowLongTheSignInTook) {
    rig_.handle(expired_in_custom_ccp());
    rig_.clock.advance(1'300);
    rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"});
    ASSERT_EQ(rig_.audit.size(), 2u);
    EXPECT_EQ(rig_.audit[1]["request"]["signInMs"], 1'300);
}

TEST_F(ProtocolDispatcher, RepeatedExpiriesAreSuppressedAndALoopIsStopped) {
    rig_.handle(expired_in_custom_ccp());
    rig_.handle(expired_in_custom_ccp());
    ASSERT_EQ(rig_.audit.size(), 2u);
    EXPECT_EQ(rig_.audit[1]["kind"], "suppressed");
}

TEST_F(ProtocolDispatcher, AHelloWhoseConfigurationHasProblemsIsAConfigProblemEvent) {
    json config = test::agents_config();
    config["guard"] = {{"maxAttempts", 0}};  // out of range: a problem, the default used
    DispatcherRig rig(state_dir(), config);
    rig.handle(hello());
    ASSERT_EQ(rig.audit.size(), 1u);
    EXPECT_EQ(rig.audit[0]["event"], "config-problem");
    ASSERT_FALSE(rig.audit[0]["problems"].empty());
    EXPECT_EQ(rig.audit[0]["problems"][0]["path"], "guard.maxAttempts");
}

// Two host processes of one user share the state directory.
TEST_F(ProtocolDispatcher, SignInsAreSharedAcrossDispatchersOfOneStateDirectory) {
    DispatcherRig other(state_dir());
    other.id_prefix = "other";
    EXPECT_EQ(rig_.handle(expired_in_custom_ccp())["type"], "relogin");
    EXPECT_EQ(other.handle(expired_in_custom_ccp())["type"], "wait");
    // The other process hears of the landing: it answers with the profile's
    // default target, since the page it came from is only known to the first.
    const json reply = other.handle(Landed{"corr-1", "https://acme.my.connect.aws/ccp-v2"});
    EXPECT_EQ(reply["type"], "return");
    EXPECT_EQ(reply["url"], "https://agents.example.com/ccp");
}

TEST_F(ProtocolDispatcher, UnusableStateDirectoryStopsInsteadOfSigningIn) {
    std::filesystem::remove_all(state_dir());
    std::ofstream(state_dir()) << "not a directory";
    const json stop = rig_.handle(expired_in_custom_ccp());
    EXPECT_EQ(stop["type"], "stop");
    EXPECT_EQ(stop["reason"], "state-unavailable");
    // The same answer to every request while the directory stays unusable.
    const json status = rig_.handle(StatusQuery{}, json(2));
    EXPECT_EQ(status["type"], "stop");
    EXPECT_EQ(status["reason"], "state-unavailable");
    EXPECT_EQ(status["re"], 2);
    const json landed = rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/"});
    EXPECT_EQ(landed["type"], "stop");
    EXPECT_EQ(landed["reason"], "state-unavailable");
    const json failed = rig_.handle(Failed{"corr-1", "network", "https://x/", "net::ERR"});
    EXPECT_EQ(failed["reason"], "state-unavailable");
}

TEST_F(ProtocolDispatcher, EveryRequestIsAuditedTheEarlyAnswersToo) {
    std::filesystem::remove_all(state_dir());
    std::ofstream(state_dir()) << "not a directory";
    rig_.handle(expired_in_custom_ccp());
    rig_.handle(Landed{"corr-1", "https://acme.my.connect.aws/"});
    rig_.handle(Failed{"corr-1", "network", "https://x/", "net::ERR"});
    rig_.handle(StatusQuery{});
    std::vector<std::string> events;
    for (const auto& e : rig_.audit) events.push_back(e["event"]);
    EXPECT_EQ(events, (std::vector<std::string>{"expired", "landed", "failed", "status"}));
    for (const auto& e : rig_.audit) EXPECT_EQ(e["decision"], "stop") << e.dump();
}

}  // namespace
}  // namespace ccp_relogin::protocol
