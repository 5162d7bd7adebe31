#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "config/layers.h"
#include "guard/state_store.h"
#include "helpdesk/service.h"
#include "helpdesk/wire_protocol.h"
#include "protocol_test_support.h"

namespace ccp_relogin::helpdesk {
namespace {

using nlohmann::json;

constexpr int64_t kSecond = 1000;

config::Config config_of(const json& doc) {
    return config::assemble_config({{"test-config.json", doc}}).config;
}

class HelpdeskServiceTest : public ::testing::Test {
  protected:
    HelpdeskServiceTest() { snapshot_.publish(config_of(test::agents_and_admins_config())); }

    json ask(const std::string& line) { return service_.answer(line, peer_); }

    guard::GuardState state() { return store_.read(); }

    test::TempDir temp_;
    guard::StateStore store_{temp_.path() / "state", [](const std::string&) {}};
    base::FakeClock clock_{1'700'000'000'000};
    ConfigSnapshot snapshot_;
    std::vector<json> pushed_;
    std::vector<json> audit_;
    bool browser_open_ = true;
    PeerCredentials peer_{1000, 4321};
    HelpdeskService service_{HelpdeskCollaborators{
        .host = RunningHost{777, "lgnognmbodadambbbcigkefnngodpege", "0.1.0", "then", true},
        .config = snapshot_,
        .state = store_,
        .clock = clock_,
        .audit = [this](const json& event) { audit_.push_back(event); },
        .push =
            [this](const json& frame) {
                if (!browser_open_) return false;
                pushed_.push_back(frame);
                return true;
            }}};
};

TEST_F(HelpdeskServiceTest, StatusDescribesTheHostAndEveryProfile) {
    store_.update([&](guard::GuardState& s) {
        s.profiles["admins-us"].attemptsMs = {clock_.now_ms() - kSecond};
    });
    const json reply = ask(R"({"type":"status"})");
    EXPECT_EQ(reply["ok"], true);
    EXPECT_EQ(reply["pid"], 777);
    EXPECT_EQ(reply["extensionId"], "lgnognmbodadambbbcigkefnngodpege");
    ASSERT_EQ(reply["profiles"].size(), 2u);
    EXPECT_EQ(reply["profiles"][1]["guard"]["attemptsInWindow"], 1);
    ASSERT_EQ(audit_.size(), 1u);
    EXPECT_EQ(audit_[0]["event"], "helpdesk-status");
    EXPECT_EQ(audit_[0]["peerUid"], 1000);
    EXPECT_EQ(audit_[0]["peerPid"], 4321);
    EXPECT_TRUE(pushed_.empty());
}

TEST_F(HelpdeskServiceTest, ReloginOfOneProfilePushesForceReloginWithTheReason) {
    const json reply = ask(R"({"type":"relogin","profile":"admins-us","reason":"INC-7\u0007"})");
    EXPECT_EQ(reply, json::parse(R"({"ok":true,"pid":777,"pushed":["admins-us"]})"));
    ASSERT_EQ(pushed_.size(), 1u);
    EXPECT_EQ(pushed_[0],
              json::parse(R"({"type":"force-relogin","profile":"admins-us","reason":"INC-7"})"));
    ASSERT_EQ(audit_.size(), 1u);
    EXPECT_EQ(audit_[0]["event"], "helpdesk-relogin");
    EXPECT_EQ(audit_[0]["kind"], "helpdesk-forced");
    EXPECT_EQ(audit_[0]["profile"], "admins-us");
    EXPECT_EQ(audit_[0]["reason"], "INC-7");
    EXPECT_EQ(audit_[0]["pushed"], json::array({"admins-us"}));
}

TEST_F(HelpdeskServiceTest, ReloginWithoutProfilePushesEveryConfiguredProfile) {
    const json reply = ask(R"({"type":"relogin"})");
    EXPECT_EQ(reply["pushed"], json::array({"agents-us", "admins-us"}));
    ASSERT_EQ(pushed_.size(), 2u);
    EXPECT_EQ(pushed_[0]["profile"], "agents-us");
    EXPECT_EQ(pushed_[1]["profile"], "admins-us");
    EXPECT_EQ(pushed_[1]["reason"], kDefaultReason);
}

TEST_F(HelpdeskServiceTest, UnknownProfileIsRefusedNamingTheConfiguredOnes) {
    const json reply = ask(R"({"type":"relogin","profile":"agents-eu"})");
    EXPECT_EQ(reply["ok"], false);
    EXPECT_EQ(reply["error"], helpdesk_error::kUnknownProfile);
    EXPECT_EQ(reply["profiles"], json::array({"agents-us", "admins-us"}));
    EXPECT_TRUE(pushed_.empty());
    ASSERT_EQ(audit_.size(), 1u);
    EXPECT_EQ(audit_[0]["error"], helpdesk_error::kUnknownProfile);
}

TEST_F(HelpdeskServiceTest, TheProfilesAreThoseOfTheLatestPublishedConfiguration) {
    json doc = test::agents_config();
    doc["profiles"][0]["name"] = "from-policy";
    snapshot_.publish(config_of(doc));
    EXPECT_EQ(ask(R"({"type":"relogin"})")["pushed"], json::array({"from-policy"}));
}

TEST_F(HelpdeskServiceTest, WithoutProfilesNothingIsPushed) {
    snapshot_.publish(config::Config{});
    const json reply = ask(R"({"type":"relogin"})");
    EXPECT_EQ(reply["error"], helpdesk_error::kNoProfiles);
    EXPECT_TRUE(pushed_.empty());
}

TEST_F(HelpdeskServiceTest, AClosedPortIsReportedAsBrowserGone) {
    browser_open_ = false;
    const json reply = ask(R"({"type":"relogin","profile":"agents-us"})");
    EXPECT_EQ(reply["error"], helpdesk_error::kBrowserGone);
    EXPECT_EQ(audit_.back()["error"], helpdesk_error::kBrowserGone);
}

TEST_F(HelpdeskServiceTest, ReloginLiftsTheStopOfThatProfileOnlyAndKeepsTheAttempts) {
    const int64_t now = clock_.now_ms();
    store_.update([&](guard::GuardState& s) {
        for (const char* name : {"agents-us", "admins-us"}) {
            s.profiles[name].attemptsMs = {now - 30 * kSecond};
            s.profiles[name].stopped = guard::Stopped{"loop", "…", now + 600 * kSecond};
        }
    });
    ask(R"({"type":"relogin","profile":"agents-us"})");
    const auto after = state();
    EXPECT_FALSE(after.profiles.at("agents-us").stopped.has_value());
    EXPECT_EQ(after.profiles.at("agents-us").attemptsMs.size(), 1u);
    EXPECT_TRUE(after.profiles.at("admins-us").stopped.has_value());
    EXPECT_EQ(audit_.back()["stopsLifted"], json::array({"agents-us"}));
}

TEST_F(HelpdeskServiceTest, InvalidRequestsAreAnsweredAndAudited) {
    const json reply = ask("{nope");
    EXPECT_EQ(reply["ok"], false);
    EXPECT_EQ(reply["error"], helpdesk_error::kBadJson);
    EXPECT_EQ(reply["pid"], 777);
    ASSERT_EQ(audit_.size(), 1u);
    EXPECT_EQ(audit_[0]["event"], "helpdesk-invalid");
}

TEST_F(HelpdeskServiceTest, RefusedPeersAreAudited) {
    service_.record_refused(PeerCredentials{1001, 99});
    service_.record_refused(std::nullopt);
    ASSERT_EQ(audit_.size(), 2u);
    EXPECT_EQ(audit_[0]["event"], "helpdesk-refused");
    EXPECT_EQ(audit_[0]["peerUid"], 1001);
    EXPECT_EQ(audit_[1]["peerUid"], nullptr);
}

// The whole path: a loop stop, the helpdesk's relogin, then the extension's
// forced `expired` (naming the profile) is granted by the session.
TEST_F(HelpdeskServiceTest, AForcedExpiryAfterTheHelpdeskRequestIsGrantedDespiteAnEarlierLoopStop) {
    test::DispatcherRig session(temp_.path() / "state", test::agents_and_admins_config());
    session.clock.set(clock_.now_ms());
    const int64_t now = clock_.now_ms();
    store_.update([&](guard::GuardState& s) {
        s.profiles["admins-us"].attemptsMs = {now - 30 * kSecond};
        s.profiles["admins-us"].lastLandedMs = now - 20 * kSecond;
        s.profiles["admins-us"].stopped = guard::Stopped{"loop", "…", now + 600 * kSecond};
    });
    protocol::Expired forced{"https://agents.example.com/ccp", "https://acme.my.connect.aws/ccp-v2",
                             protocol::Signal::kText, "forced: INC-7", "admins-us"};
    ASSERT_EQ(session.handle(forced)["type"], "stop");

    ask(R"({"type":"relogin","profile":"admins-us","reason":"INC-7"})");
    const json reply = session.handle(forced);
    EXPECT_EQ(reply["type"], "relogin") << reply.dump();
    EXPECT_EQ(reply["profile"], "admins-us") << "named, although the frame URL matches agents-us";
    EXPECT_EQ(reply["attempt"], 2);
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
