// The loop-protection rules, one behaviour per test, with time and jitter
// given explicitly (no clock, no sleeping).
#include "guard/guard_policy.h"

#include <gtest/gtest.h>

#include "base/random_source.h"

namespace ccp_relogin::guard {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // an arbitrary epoch time
constexpr int64_t kSecond = 1000;
constexpr const char* kInstanceId = "178c75e4-b3de-4839-a6aa-e321ab3f3770";
constexpr const char* kRelayState =
    "https://us-east-1.console.aws.amazon.com/connect/federate/"
    "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fccp-v2&new_domain=true";

config::Profile make_profile(const std::string& name = "agents-us") {
    config::Profile p;
    p.name = name;
    p.instance.id = kInstanceId;
    p.instance.alias = "acme";
    p.instance.region = "us-east-1";
    return p;
}

double middle() { return 0.5; }  // jitter sample with no effect: factor 1.0

class GuardPolicy : public ::testing::Test {
  protected:
    config::Profile profile = make_profile();
    config::Guard guard{3, 900, 60};
    DecisionContext ctx{profile, guard, 300, kRelayState};
    GuardState state;

    Decision expired(int64_t now, const std::string& id) {
        return decide_expired(state, ctx, now, middle, id);
    }
    const ProfileRecord& record() { return state.profiles.at(profile.name); }
};

TEST_F(GuardPolicy, FirstExpiryIsGrantedAsAttemptOne) {
    auto d = expired(kT0, "c1");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    const auto& g = std::get<Granted>(d);
    EXPECT_EQ(g.attempt, 1);
    EXPECT_EQ(g.correlationId, "c1");
    EXPECT_EQ(g.deadlineMs, kT0 + 300 * kSecond);
    ASSERT_TRUE(record().inFlight.has_value());
    EXPECT_EQ(record().inFlight->correlationId, "c1");
    EXPECT_EQ(record().attemptsMs, std::vector<int64_t>{kT0});
}

TEST_F(GuardPolicy, SecondExpiryWhileSignInIsUnderWayWaitsUntilItsDeadline) {
    expired(kT0, "c1");
    auto d = expired(kT0 + 10 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Wait>(d));
    EXPECT_EQ(std::get<Wait>(d).reason, "in-progress");
    EXPECT_EQ(std::get<Wait>(d).retryAfterMs, 290 * kSecond);
    EXPECT_EQ(record().inFlight->correlationId, "c1");  // the first one is untouched
    EXPECT_EQ(record().attemptsMs.size(), 1u);
}

TEST_F(GuardPolicy, SignInPastItsDeadlineCountsAsAFailedAttempt) {
    expired(kT0, "c1");
    auto d = expired(kT0 + 300 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    EXPECT_EQ(std::get<Granted>(d).attempt, 2);
    EXPECT_EQ(record().inFlight->correlationId, "c2");
    EXPECT_EQ(record().attemptsMs.size(), 2u);
}

TEST_F(GuardPolicy, ExpiryRightAfterALandingIsALoopWithADiagnosis) {
    expired(kT0, "c1");
    ASSERT_TRUE(record_landed(state, profile.name, "c1", kT0 + 20 * kSecond));
    auto d = expired(kT0 + 50 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    const auto& stop = std::get<Stop>(d);
    EXPECT_EQ(stop.reason, "loop");
    EXPECT_NE(stop.diagnosis.find("\"agents-us\""), std::string::npos) << stop.diagnosis;
    EXPECT_NE(stop.diagnosis.find(std::string("on instance ") + kInstanceId), std::string::npos);
    EXPECT_NE(stop.diagnosis.find("us-east-1"), std::string::npos);
    EXPECT_NE(stop.diagnosis.find("connect:GetFederationToken"), std::string::npos);
    EXPECT_NE(stop.diagnosis.find(std::string("arn:aws:connect:us-east-1:<account>:instance/") +
                                  kInstanceId),
              std::string::npos);
    EXPECT_NE(stop.diagnosis.find(kRelayState), std::string::npos);
    EXPECT_NE(stop.diagnosis.find("third-party cookies"), std::string::npos);
    EXPECT_NE(stop.diagnosis.find("acme.my.connect.aws"), std::string::npos);
    EXPECT_FALSE(record().inFlight.has_value());  // nothing was granted
}

TEST_F(GuardPolicy, LoopDiagnosisNamesTheGovCloudArnAndLegacyDomain) {
    profile.instance.partition = config::Partition::kAwsUsGov;
    profile.instance.domain = config::ConnectDomain::kAwsApps;
    profile.instance.region = "us-gov-west-1";
    const auto text = loop_diagnosis(profile, kRelayState, 60);
    EXPECT_NE(text.find("arn:aws-us-gov:connect:us-gov-west-1:"), std::string::npos) << text;
    EXPECT_NE(text.find("acme.awsapps.com"), std::string::npos);
    EXPECT_NE(text.find("within 60 s"), std::string::npos);
}

TEST_F(GuardPolicy, LoopStopStaysUntilTheWindowPassesOrAReset) {
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + kSecond);
    ASSERT_TRUE(std::holds_alternative<Stop>(expired(kT0 + 2 * kSecond, "c2")));
    // Long after postLoginSeconds, still stopped: a misconfiguration doesn't heal itself.
    auto later = expired(kT0 + 600 * kSecond, "c3");
    ASSERT_TRUE(std::holds_alternative<Stop>(later));
    EXPECT_EQ(std::get<Stop>(later).reason, "loop");
    EXPECT_EQ(std::get<Stop>(later).untilMs, kT0 + 2 * kSecond + 900 * kSecond);

    reset_profile(state, profile.name);
    EXPECT_TRUE(std::holds_alternative<Granted>(expired(kT0 + 601 * kSecond, "c4")));
}

TEST_F(GuardPolicy, LoopStopEndsWhenItsWindowPasses) {
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + kSecond);
    expired(kT0 + 2 * kSecond, "c2");
    auto d = expired(kT0 + 2 * kSecond + 900 * kSecond, "c3");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    EXPECT_EQ(std::get<Granted>(d).attempt, 1);  // the old attempt left the window too
}

TEST_F(GuardPolicy, ExpiryAfterPostLoginSecondsIsANewAttempt) {
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + 10 * kSecond);
    auto d = expired(kT0 + 70 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    EXPECT_EQ(std::get<Granted>(d).attempt, 2);
}

TEST_F(GuardPolicy, AttemptsAreLimitedPerWindowAndTheWindowFrees) {
    int64_t t = kT0;
    for (int i = 1; i <= 3; ++i) {
        auto d = expired(t, "c" + std::to_string(i));
        ASSERT_TRUE(std::holds_alternative<Granted>(d)) << "attempt " << i;
        EXPECT_EQ(std::get<Granted>(d).attempt, i);
        record_landed(state, profile.name, "c" + std::to_string(i), t + kSecond);
        t += 100 * kSecond;
    }
    auto d = expired(t, "c4");
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    const auto& stop = std::get<Stop>(d);
    EXPECT_EQ(stop.reason, "attempts-exhausted");
    EXPECT_EQ(stop.untilMs, kT0 + 900 * kSecond);
    EXPECT_NE(stop.diagnosis.find("3 sign-in attempts"), std::string::npos) << stop.diagnosis;
    EXPECT_NE(stop.diagnosis.find("allowed in 600 s"), std::string::npos) << stop.diagnosis;

    // One millisecond before the first attempt leaves the window: still stopped.
    EXPECT_TRUE(std::holds_alternative<Stop>(expired(kT0 + 900 * kSecond - 1, "c5")));
    auto freed = expired(kT0 + 900 * kSecond, "c6");
    ASSERT_TRUE(std::holds_alternative<Granted>(freed));
    EXPECT_EQ(std::get<Granted>(freed).attempt, 3);  // two attempts are still in the window
}

TEST_F(GuardPolicy, ConfiguredMaxAttemptsIsHonoured) {
    guard.maxAttempts = 1;
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + kSecond);
    auto d = expired(kT0 + 120 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    EXPECT_EQ(std::get<Stop>(d).reason, "attempts-exhausted");
}

TEST(GuardBackoff, GrowsAsPowersOfTwoUpToTheCap) {
    EXPECT_EQ(base::backoff_delay_ms(1, 0.5, kAttemptBackoff), 2000);
    EXPECT_EQ(base::backoff_delay_ms(2, 0.5, kAttemptBackoff), 4000);
    EXPECT_EQ(base::backoff_delay_ms(3, 0.5, kAttemptBackoff), 8000);
    EXPECT_EQ(base::backoff_delay_ms(5, 0.5, kAttemptBackoff), 32000);
    EXPECT_EQ(base::backoff_delay_ms(6, 0.5, kAttemptBackoff), 60000);
    EXPECT_EQ(base::backoff_delay_ms(1000, 0.5, kAttemptBackoff), 60000);
}

TEST(GuardBackoff, JitterStaysWithinItsBounds) {
    EXPECT_EQ(base::backoff_delay_ms(2, 0.0, kAttemptBackoff), 3200);  // 4000 × 0.8
    EXPECT_EQ(base::backoff_delay_ms(2, 1.0, kAttemptBackoff), 4800);  // 4000 × 1.2
    EXPECT_EQ(base::backoff_delay_ms(2, -5.0, kAttemptBackoff),
              3200);  // out-of-range samples are clamped
    EXPECT_EQ(base::backoff_delay_ms(2, 7.0, kAttemptBackoff), 4800);
    for (int i = 0; i < 1000; ++i) {
        const auto delay = base::backoff_delay_ms(3, base::random_jitter(), kAttemptBackoff);
        EXPECT_GE(delay, 6400);
        EXPECT_LE(delay, 9600);
    }
}

TEST_F(GuardPolicy, BackoffSpacesAttemptsAndGrows) {
    // Attempt 1 at t0 → attempt 2 not before t0 + 2 s (jitter 0.5).
    expired(kT0, "c1");
    auto early = decide_failed(state, ctx, kT0 + 500, middle, "c1", "c2");
    ASSERT_TRUE(std::holds_alternative<Wait>(early));
    EXPECT_EQ(std::get<Wait>(early).reason, "backoff");
    EXPECT_EQ(std::get<Wait>(early).retryAfterMs, 1500);
    EXPECT_FALSE(record().inFlight.has_value());  // the failed sign-in is over

    auto second = expired(kT0 + 2000, "c3");
    ASSERT_TRUE(std::holds_alternative<Granted>(second));
    EXPECT_EQ(std::get<Granted>(second).attempt, 2);
    // Attempt 2 → attempt 3 not before 4 s later.
    auto wait = decide_failed(state, ctx, kT0 + 2100, middle, "c3", "c4");
    ASSERT_TRUE(std::holds_alternative<Wait>(wait));
    EXPECT_EQ(std::get<Wait>(wait).retryAfterMs, 4000 - 100);
}

TEST_F(GuardPolicy, BackoffUsesTheJitterSample) {
    decide_expired(
        state, ctx, kT0, [] { return 1.0; }, "c1");
    EXPECT_EQ(record().blockedUntilMs, kT0 + 2400);
    state = {};
    decide_expired(
        state, ctx, kT0, [] { return 0.0; }, "c1");
    EXPECT_EQ(record().blockedUntilMs, kT0 + 1600);
}

TEST_F(GuardPolicy, FailedSignInRetriesWhileAttemptsRemainThenStops) {
    expired(kT0, "c1");
    auto retry = decide_failed(state, ctx, kT0 + 30 * kSecond, middle, "c1", "c2");
    ASSERT_TRUE(std::holds_alternative<Granted>(retry));
    EXPECT_EQ(std::get<Granted>(retry).attempt, 2);
    EXPECT_EQ(std::get<Granted>(retry).correlationId, "c2");
    EXPECT_EQ(record().inFlight->correlationId, "c2");

    auto third = decide_failed(state, ctx, kT0 + 60 * kSecond, middle, "c2", "c3");
    ASSERT_TRUE(std::holds_alternative<Granted>(third));
    EXPECT_EQ(std::get<Granted>(third).attempt, 3);

    auto stop = decide_failed(state, ctx, kT0 + 90 * kSecond, middle, "c3", "c4");
    ASSERT_TRUE(std::holds_alternative<Stop>(stop));
    EXPECT_EQ(std::get<Stop>(stop).reason, "attempts-exhausted");
    EXPECT_FALSE(record().inFlight.has_value());
}

TEST_F(GuardPolicy, FailedReportForAnotherSignInWaitsForTheOneUnderWay) {
    expired(kT0, "c1");
    auto d = decide_failed(state, ctx, kT0 + 5 * kSecond, middle, "old", "c2");
    ASSERT_TRUE(std::holds_alternative<Wait>(d));
    EXPECT_EQ(std::get<Wait>(d).reason, "in-progress");
    EXPECT_EQ(record().inFlight->correlationId, "c1");
}

TEST_F(GuardPolicy, LandedNeedsTheInFlightCorrelationId) {
    expired(kT0, "c1");
    EXPECT_FALSE(record_landed(state, profile.name, "other", kT0 + kSecond));
    EXPECT_FALSE(record_landed(state, "no-such-profile", "c1", kT0 + kSecond));
    EXPECT_TRUE(record().inFlight.has_value());
    // A slow sign-in that lands after its deadline still counts as landed.
    EXPECT_TRUE(record_landed(state, profile.name, "c1", kT0 + 400 * kSecond));
    EXPECT_FALSE(record().inFlight.has_value());
    EXPECT_EQ(record().lastLandedMs, kT0 + 400 * kSecond);
    EXPECT_EQ(record().lastLandedCorrelationId, "c1");
    EXPECT_FALSE(record_landed(state, profile.name, "c1", kT0 + 401 * kSecond));  // only once
}

TEST_F(GuardPolicy, ProfilesAreIndependent) {
    auto other = make_profile("admins");
    DecisionContext otherCtx{other, guard, 300, kRelayState};
    expired(kT0, "c1");
    auto d = decide_expired(state, otherCtx, kT0 + kSecond, middle, "c2");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    EXPECT_EQ(std::get<Granted>(d).attempt, 1);
}

TEST_F(GuardPolicy, ClockGoingBackwardsDoesNotStretchAStop) {
    guard.maxAttempts = 1;
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + kSecond);
    // The clock jumps back a day: the attempt's time is pulled back to "now",
    // so the profile is free again one window later, not a day and a window later.
    const int64_t back = kT0 - 86'400 * kSecond;
    auto d = expired(back, "c2");
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    EXPECT_EQ(std::get<Stop>(d).reason, "attempts-exhausted");
    EXPECT_EQ(std::get<Stop>(d).untilMs, back + 900 * kSecond);
    EXPECT_TRUE(std::holds_alternative<Granted>(expired(back + 900 * kSecond, "c3")));
}

TEST_F(GuardPolicy, ASmallClockStepBackStillSeesTheLoop) {
    expired(kT0, "c1");
    record_landed(state, profile.name, "c1", kT0 + 10 * kSecond);
    auto d = expired(kT0 + 10 * kSecond - 500, "c2");  // NTP stepped back half a second
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    EXPECT_EQ(std::get<Stop>(d).reason, "loop");
}

TEST_F(GuardPolicy, ACancelledSignInEndsWithoutANewAttempt) {
    expired(kT0, "c1");
    auto stop = stop_unrecoverable_failure(state, ctx, kT0 + 10 * kSecond, "c1", "cancelled",
                                           "the agent closed the sign-in tab");
    ASSERT_TRUE(stop.has_value()) << "a cancel is final: no retry is granted";
    EXPECT_EQ(stop->reason, "cancelled");
    EXPECT_EQ(stop->untilMs, 0) << "nothing is held against the profile";
    EXPECT_FALSE(record().inFlight.has_value());
    EXPECT_FALSE(record().stopped.has_value());
    EXPECT_EQ(record().attemptsMs, std::vector<int64_t>{kT0}) << "no attempt was used up";
    // The next expiry, in any browser profile, is decided afresh.
    auto d = expired(kT0 + 60 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Granted>(d));
    EXPECT_EQ(std::get<Granted>(d).attempt, 2);
}

TEST_F(GuardPolicy, ACancelOfAnotherSignInLeavesTheOneUnderWay) {
    expired(kT0, "c1");
    auto stop = stop_unrecoverable_failure(state, ctx, kT0 + kSecond, "old", "cancelled", "");
    ASSERT_TRUE(stop.has_value());
    EXPECT_EQ(record().inFlight->correlationId, "c1");
}

TEST_F(GuardPolicy, AClockSteppedBackDoesNotStretchTheSignInInFlight) {
    expired(kT0, "c1");
    // Granted while the clock ran a day ahead; now it is right again.
    const int64_t back = kT0 - 86'400 * kSecond;
    auto d = expired(back, "c2");
    ASSERT_TRUE(std::holds_alternative<Wait>(d));
    EXPECT_EQ(std::get<Wait>(d).reason, "in-progress");
    EXPECT_LE(std::get<Wait>(d).retryAfterMs, 300 * kSecond) << "at most relogin.timeoutSeconds";
    EXPECT_TRUE(std::holds_alternative<Granted>(expired(back + 300 * kSecond, "c3")));
}

TEST_F(GuardPolicy, StatusShowsInFlightBackoffAndStop) {
    expired(kT0, "c1");
    auto status = status_json(state, kT0 + 500);
    const auto& p = status["profiles"]["agents-us"];
    EXPECT_EQ(p["inFlight"]["correlationId"], "c1");
    EXPECT_EQ(p["inFlight"]["attempt"], 1);
    EXPECT_EQ(p["inFlight"]["overdue"], false);
    EXPECT_EQ(p["backoffRemainingMs"], 1500);
    EXPECT_TRUE(p["stopped"].is_null());

    record_landed(state, profile.name, "c1", kT0 + kSecond);
    expired(kT0 + 2 * kSecond, "c2");
    status = status_json(state, kT0 + 3 * kSecond);
    EXPECT_EQ(status["profiles"]["agents-us"]["stopped"]["reason"], "loop");
    EXPECT_EQ(status["profiles"]["agents-us"]["lastLandedMs"], kT0 + kSecond);
}

TEST(GuardRandomSource, CorrelationIdsAreDistinctVersion4Uuids) {
    const auto a = base::new_correlation_id();
    const auto b = base::new_correlation_id();
    EXPECT_NE(a, b);
    for (const auto& id : {a, b}) {
        ASSERT_EQ(id.size(), 36u) << id;
        for (std::size_t i = 0; i < id.size(); ++i) {
            if (i == 8 || i == 13 || i == 18 || i == 23)
                EXPECT_EQ(id[i], '-') << id;
            else
                EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(id[i])) &&
                            !std::isupper(static_cast<unsigned char>(id[i])))
                    << id;
        }
        EXPECT_EQ(id[14], '4') << id;
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    }
}

TEST(GuardRandomSource, JitterIsInTheUnitInterval) {
    for (int i = 0; i < 1000; ++i) {
        const double u = base::random_jitter();
        EXPECT_GE(u, 0.0);
        EXPECT_LT(u, 1.0);
    }
}

TEST_F(GuardPolicy, ConnectStillExpiredAfterTheLoginStopsAsALoop) {
    expired(kT0, "c1");
    auto stop = stop_unrecoverable_failure(state, ctx, kT0 + 5 * kSecond, "c1", "connect",
                                           "expiry: Session expired");
    ASSERT_TRUE(stop.has_value());
    EXPECT_EQ(stop->reason, "loop");
    EXPECT_NE(stop->diagnosis.find("connect:GetFederationToken"), std::string::npos);
    EXPECT_FALSE(record().inFlight.has_value());
    // The stop holds: a new expiry gets the same stop, not a new sign-in.
    auto d = expired(kT0 + 10 * kSecond, "c2");
    ASSERT_TRUE(std::holds_alternative<Stop>(d));
    EXPECT_EQ(std::get<Stop>(d).reason, "loop");
}

TEST_F(GuardPolicy, EntraErrorCodeStopsAndNamesTheCode) {
    expired(kT0, "c1");
    auto stop = stop_unrecoverable_failure(state, ctx, kT0 + kSecond, "c1", "entra",
                                           "idp-error: AADSTS50105");
    ASSERT_TRUE(stop.has_value());
    EXPECT_EQ(stop->reason, "idp-error");
    EXPECT_NE(stop->diagnosis.find("AADSTS50105"), std::string::npos) << stop->diagnosis;
    EXPECT_NE(stop->diagnosis.find(profile.entra.appId), std::string::npos);
}

TEST_F(GuardPolicy, NetworkFailuresAreLeftToTheRetryRules) {
    expired(kT0, "c1");
    EXPECT_FALSE(stop_unrecoverable_failure(state, ctx, kT0 + kSecond, "c1", "entra",
                                            "net::ERR_CONNECTION_REFUSED")
                     .has_value());
    EXPECT_FALSE(
        stop_unrecoverable_failure(state, ctx, kT0 + kSecond, "c1", "timeout", "expired deadline")
            .has_value());
    EXPECT_TRUE(record().inFlight.has_value());
}

}  // namespace
}  // namespace ccp_relogin::guard
