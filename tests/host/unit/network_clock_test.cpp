// doctor's clock check: Date headers against the local clock.
#include <gtest/gtest.h>

#include "network/check_clock.h"

namespace ccp_relogin::network {
namespace {

using doctor::CheckResult;
using doctor::Status;

constexpr int64_t kServer = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT

// A server whose clock is `server_ahead_s` seconds ahead of the local one.
ClockSample sample(int64_t server_ahead_s) {
    return {"h", kServer, (kServer - server_ahead_s) * 1000 + 500};
}

TEST(DoctorClock, ParsesHttpDatesWithTheSystemsHttpLibrary) {
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), kServer);
    EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), kServer);
    EXPECT_EQ(parse_http_date(""), std::nullopt);
    EXPECT_EQ(parse_http_date("yesterday-ish"), std::nullopt);
    EXPECT_EQ(parse_http_date(std::string(1000, '1')), std::nullopt);
}

TEST(DoctorClock, NoSamplesSkips) { EXPECT_EQ(evaluate_clock({}).status, Status::kSkip); }

TEST(DoctorClock, ThresholdsAreTwoAndFiveMinutes) {
    EXPECT_EQ(evaluate_clock({sample(0)}).status, Status::kOk);
    EXPECT_EQ(evaluate_clock({sample(120)}).status, Status::kOk);
    EXPECT_EQ(evaluate_clock({sample(121)}).status, Status::kWarn);
    EXPECT_EQ(evaluate_clock({sample(-121)}).status, Status::kWarn);
    EXPECT_EQ(evaluate_clock({sample(300)}).status, Status::kWarn);
    EXPECT_EQ(evaluate_clock({sample(301)}).status, Status::kFail);
    EXPECT_EQ(evaluate_clock({sample(-3600)}).status, Status::kFail);
}

TEST(DoctorClock, SaysWhichWayAndHowFar) {
    const auto local_ahead = evaluate_clock({sample(-200)});
    EXPECT_NE(local_ahead.summary.find("3 min 20 s ahead of the servers'"), std::string::npos)
        << local_ahead.summary;
    const auto local_behind = evaluate_clock({sample(400)});
    EXPECT_NE(local_behind.summary.find("6 min 40 s behind the servers'"), std::string::npos)
        << local_behind.summary;
    EXPECT_NE(local_behind.fix.find("timedatectl set-ntp true"), std::string::npos);
}

TEST(DoctorClock, OneOddServerDoesNotDecide) {
    EXPECT_EQ(evaluate_clock({sample(0), sample(3), sample(9999)}).status, Status::kOk);
    EXPECT_EQ(evaluate_clock({sample(9999), sample(9999), sample(0)}).status, Status::kFail);
}

}  // namespace
}  // namespace ccp_relogin::network
