#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpdesk/reply.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {
namespace {

using nlohmann::json;

constexpr int64_t kNow = 1'700'000'000'000;  // 2023-11-14T22:13:20.000Z
constexpr int64_t kSecond = 1000;

config::Config two_profiles() {
    config::Config config;
    config.profiles.resize(2);
    config.profiles[0].name = "agents-us";
    config.profiles[1].name = "admins-us";
    return config;
}

TEST(HelpdeskReply, ErrorRepliesSayWhoAnswered) {
    EXPECT_EQ(helpdesk_error_reply(42, "bad-json", "not JSON"),
              json::parse(R"({"ok":false,"pid":42,"error":"bad-json","message":"not JSON"})"));
}

TEST(HelpdeskReply, UnknownProfileListsTheConfiguredOnes) {
    const json reply = unknown_profile_reply(42, "nobody\n", {"agents-us", "admins-us"});
    EXPECT_EQ(reply["error"], helpdesk_error::kUnknownProfile);
    EXPECT_EQ(reply["profiles"], json::array({"agents-us", "admins-us"}));
    EXPECT_EQ(reply["message"],
              "no profile named \"nobody\"; configured profiles: agents-us, admins-us");
    EXPECT_EQ(unknown_profile_reply(42, "x", {})["message"],
              "no profile named \"x\"; configured profiles: none");
}

TEST(HelpdeskReply, AProfileWithoutHistoryIsIdle) {
    const json guard = profile_guard_json(nullptr, config::Guard{}, kNow);
    EXPECT_EQ(guard["attemptsInWindow"], 0);
    EXPECT_EQ(guard["maxAttempts"], 3);
    EXPECT_EQ(guard["windowSeconds"], 900);
    EXPECT_EQ(guard["inFlight"], nullptr);
    EXPECT_EQ(guard["stopped"], nullptr);
}

TEST(HelpdeskReply, GuardShowsAttemptsInTheWindowBackoffInFlightAndStop) {
    guard::ProfileRecord record;
    record.attemptsMs = {kNow - 1000 * kSecond, kNow - 100 * kSecond, kNow - 10 * kSecond};
    record.blockedUntilMs = kNow + 3 * kSecond;
    record.inFlight = guard::InFlight{"c-1", kNow - 10 * kSecond, kNow + 290 * kSecond, 2};
    record.stopped = guard::Stopped{"loop", "the role lacks …", kNow + 60 * kSecond};
    record.lastLandedMs = kNow - 20 * kSecond;
    const json guard = profile_guard_json(&record, config::Guard{}, kNow);
    EXPECT_EQ(guard["attemptsInWindow"], 2) << "the attempt 1000 s ago is outside 900 s";
    EXPECT_EQ(guard["backoffRemainingMs"], 3 * kSecond);
    EXPECT_EQ(guard["inFlight"]["correlationId"], "c-1");
    EXPECT_EQ(guard["inFlight"]["attempt"], 2);
    EXPECT_EQ(guard["inFlight"]["overdue"], false);
    EXPECT_EQ(guard["inFlight"]["deadline"], "2023-11-14T22:18:10.000Z");
    EXPECT_EQ(guard["stopped"]["reason"], "loop");
    EXPECT_EQ(guard["stopped"]["until"], "2023-11-14T22:14:20.000Z");
    EXPECT_EQ(guard["lastLandedAt"], "2023-11-14T22:13:00.000Z");
}

TEST(HelpdeskReply, AStopThatHasRunOutIsNotShown) {
    guard::ProfileRecord record;
    record.stopped = guard::Stopped{"loop", "…", kNow - 1};
    record.inFlight = guard::InFlight{"c-1", kNow - 400 * kSecond, kNow - 100 * kSecond, 1};
    const json guard = profile_guard_json(&record, config::Guard{}, kNow);
    EXPECT_EQ(guard["stopped"], nullptr);
    EXPECT_EQ(guard["inFlight"]["overdue"], true);
}

TEST(HelpdeskReply, StatusListsEveryConfiguredProfileInOrder) {
    guard::GuardState state;
    state.profiles["admins-us"].attemptsMs = {kNow - kSecond};
    state.profiles["gone-profile"].attemptsMs = {kNow};  // no longer configured: not shown
    const json reply =
        status_reply(RunningHost{7, "ext", "0.1.0", "start", false}, two_profiles(), state, kNow);
    EXPECT_EQ(reply["ok"], true);
    EXPECT_EQ(reply["pid"], 7);
    EXPECT_EQ(reply["extensionId"], "ext");
    EXPECT_EQ(reply["version"], "0.1.0");
    EXPECT_EQ(reply["startedAt"], "start");
    ASSERT_EQ(reply["profiles"].size(), 2u);
    EXPECT_EQ(reply["profiles"][0]["name"], "agents-us");
    EXPECT_EQ(reply["profiles"][0]["guard"]["attemptsInWindow"], 0);
    EXPECT_EQ(reply["profiles"][1]["name"], "admins-us");
    EXPECT_EQ(reply["profiles"][1]["guard"]["attemptsInWindow"], 1);
}

// Any unpacked copy of the extension has the development ID: the helpdesk
// should see whether this host lets it call.
TEST(HelpdeskReply, StatusSaysWhetherTheDevelopmentExtensionIsTrusted) {
    const auto reply_for = [](bool trusted) {
        return status_reply(RunningHost{7, "ext", "0.1.0", "start", trusted}, two_profiles(),
                            guard::GuardState{}, kNow);
    };
    EXPECT_EQ(reply_for(true)["trustsDevelopmentExtension"], true);
    EXPECT_EQ(reply_for(false)["trustsDevelopmentExtension"], false);
}

TEST(HelpdeskReply, ReloginReplyNamesThePushedProfiles) {
    EXPECT_EQ(relogin_reply(7, {"agents-us"}),
              json::parse(R"({"ok":true,"pid":7,"pushed":["agents-us"]})"));
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
