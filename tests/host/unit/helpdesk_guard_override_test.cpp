#include <gtest/gtest.h>

#include <variant>

#include "guard/guard_policy.h"
#include "helpdesk/guard_override.h"

namespace ccp_relogin::helpdesk {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;
constexpr int64_t kSecond = 1000;

class HelpdeskGuardOverride : public ::testing::Test {
  protected:
    HelpdeskGuardOverride() { profile_.name = "agents-us"; }

    guard::Decision expired_at(int64_t now) {
        return guard::decide_expired(
            state_, ctx_, now, [] { return 0.5; }, "corr");
    }

    config::Profile profile_;
    config::Guard limits_;  // 3 attempts per 900 s, loop within 60 s
    guard::DecisionContext ctx_{profile_, limits_, 300, "https://relay", guard::kAttemptBackoff};
    guard::GuardState state_;
};

TEST_F(HelpdeskGuardOverride, AnUnknownProfileIsLeftAlone) {
    EXPECT_FALSE(clear_stop_for_helpdesk(state_, "agents-us", kNow));
    EXPECT_TRUE(state_.profiles.empty());
}

TEST_F(HelpdeskGuardOverride, ALoopStopIsLiftedAndTheNextExpiryIsGranted) {
    auto& record = state_.profiles["agents-us"];
    record.attemptsMs = {kNow - 30 * kSecond};
    record.lastLandedMs = kNow - 20 * kSecond;
    record.stopped = guard::Stopped{"loop", "…", kNow + 800 * kSecond};
    ASSERT_TRUE(std::holds_alternative<guard::Stop>(expired_at(kNow)));

    EXPECT_TRUE(clear_stop_for_helpdesk(state_, "agents-us", kNow));
    // Not a loop either: the landing 20 s ago no longer counts against it.
    const auto decision = expired_at(kNow);
    ASSERT_TRUE(std::holds_alternative<guard::Granted>(decision));
    EXPECT_EQ(std::get<guard::Granted>(decision).attempt, 2) << "the earlier attempt still counts";
}

TEST_F(HelpdeskGuardOverride, TheBackoffIsLifted) {
    auto& record = state_.profiles["agents-us"];
    record.attemptsMs = {kNow - kSecond};
    record.blockedUntilMs = kNow + 3 * kSecond;
    ASSERT_TRUE(std::holds_alternative<guard::Wait>(expired_at(kNow)));
    EXPECT_TRUE(clear_stop_for_helpdesk(state_, "agents-us", kNow));
    EXPECT_TRUE(std::holds_alternative<guard::Granted>(expired_at(kNow)));
}

TEST_F(HelpdeskGuardOverride, TheAttemptLimitStillHolds) {
    auto& record = state_.profiles["agents-us"];
    record.attemptsMs = {kNow - 30 * kSecond, kNow - 20 * kSecond, kNow - 10 * kSecond};
    clear_stop_for_helpdesk(state_, "agents-us", kNow);
    const auto decision = expired_at(kNow);
    ASSERT_TRUE(std::holds_alternative<guard::Stop>(decision));
    EXPECT_EQ(std::get<guard::Stop>(decision).reason, "attempts-exhausted");
    EXPECT_EQ(state_.profiles["agents-us"].attemptsMs.size(), 3u);
}

// A helpdesk relogin is an explicit override: a sign-in the host still holds
// in flight (its tab long gone, or a deadline stretched by a clock step) must
// not answer the forced expiry with `wait`.
TEST_F(HelpdeskGuardOverride, ASignInInFlightIsCleared) {
    auto& record = state_.profiles["agents-us"];
    record.attemptsMs = {kNow - kSecond};
    record.inFlight = guard::InFlight{"c-1", kNow - kSecond, kNow + 299 * kSecond, 1};
    EXPECT_TRUE(clear_stop_for_helpdesk(state_, "agents-us", kNow));
    EXPECT_FALSE(state_.profiles["agents-us"].inFlight.has_value());
    const auto decision = expired_at(kNow);
    ASSERT_TRUE(std::holds_alternative<guard::Granted>(decision));
    EXPECT_EQ(std::get<guard::Granted>(decision).attempt, 2) << "the attempt still counts";
}

TEST_F(HelpdeskGuardOverride, StopsThatHaveRunOutDoNotCountAsLifted) {
    auto& record = state_.profiles["agents-us"];
    record.stopped = guard::Stopped{"loop", "…", kNow - 1};
    record.blockedUntilMs = kNow - 1;
    EXPECT_FALSE(clear_stop_for_helpdesk(state_, "agents-us", kNow));
    EXPECT_FALSE(state_.profiles["agents-us"].stopped.has_value());
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
