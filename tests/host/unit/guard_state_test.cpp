// The guard state's JSON form: what is written reads back the same, and
// anything this version did not write is refused (the store then starts fresh).
#include "guard/guard_state.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace ccp_relogin::guard {
namespace {

GuardState full_state() {
    GuardState s;
    ProfileRecord busy;
    busy.attemptsMs = {1000, 2000};
    busy.inFlight = InFlight{"c2", 2000, 302000, 2};
    busy.blockedUntilMs = 6000;
    s.profiles["agents-us"] = busy;
    ProfileRecord stopped;
    stopped.attemptsMs = {5000};
    stopped.lastLandedMs = 7000;
    stopped.lastLandedCorrelationId = "c9";
    stopped.stopped = Stopped{"loop", "diagnosis text", 907000};
    s.profiles["admins"] = stopped;
    s.profiles["idle"] = ProfileRecord{};
    return s;
}

TEST(GuardState, RoundTripsThroughJsonText) {
    const auto state = full_state();
    const auto text = to_json(state).dump();
    const auto back = parse_state(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, state);
}

TEST(GuardState, CarriesItsVersion) {
    EXPECT_EQ(to_json(GuardState{})["v"], kStateVersion);
    EXPECT_EQ(parse_state(to_json(GuardState{}).dump()), GuardState{});
}

TEST(GuardState, RefusesWhatItDidNotWrite) {
    auto good = to_json(full_state());
    auto with = [&](auto edit) {
        auto j = good;
        edit(j);
        return parse_state(j.dump());
    };
    EXPECT_FALSE(parse_state("").has_value());
    EXPECT_FALSE(parse_state("{not json").has_value());
    EXPECT_FALSE(parse_state("[]").has_value());
    EXPECT_FALSE(with([](auto& j) { j["v"] = 2; }).has_value());
    EXPECT_FALSE(with([](auto& j) { j.erase("v"); }).has_value());
    EXPECT_FALSE(with([](auto& j) { j["extra"] = 1; }).has_value());
    EXPECT_FALSE(with([](auto& j) { j["profiles"] = nullptr; }).has_value());
    EXPECT_FALSE(
        with([](auto& j) { j["profiles"]["agents-us"]["attempts"][0] = "x"; }).has_value());
    EXPECT_FALSE(
        with([](auto& j) { j["profiles"]["agents-us"]["inFlight"]["attempt"] = 0; }).has_value());
    EXPECT_FALSE(with([](auto& j) {
                     j["profiles"]["agents-us"]["inFlight"].erase("deadlineMs");
                 }).has_value());
    EXPECT_FALSE(
        with([](auto& j) { j["profiles"]["admins"]["stopped"]["untilMs"] = 1.5; }).has_value());
    EXPECT_FALSE(
        with([](auto& j) { j["profiles"]["admins"]["lastLandedMs"] = "7000"; }).has_value());
    EXPECT_FALSE(with([](auto& j) { j["profiles"]["idle"]["typo"] = true; }).has_value());
    EXPECT_TRUE(with([](auto&) {}).has_value());  // the unedited copy is fine
}

// A tampered file must not reach the rules with times whose arithmetic
// overflows (lastLandedMs = INT64_MIN read as "landed just now": a false loop
// stop): every time is checked on load.
TEST(GuardState, TimesOutsideTheSaneRangeCountAsCorrupt) {
    const auto good = to_json(full_state());
    const auto with = [&](const nlohmann::json::json_pointer& at, const nlohmann::json& value) {
        auto j = good;
        j[at] = value;
        return parse_state(j.dump());
    };
    constexpr int64_t kYear2200Ms = 7'258'118'400'000;
    for (const char* at :
         {"/profiles/agents-us/attempts/0", "/profiles/agents-us/blockedUntilMs",
          "/profiles/agents-us/inFlight/startedMs", "/profiles/agents-us/inFlight/deadlineMs",
          "/profiles/admins/lastLandedMs", "/profiles/admins/stopped/untilMs"}) {
        const nlohmann::json::json_pointer pointer(at);
        EXPECT_FALSE(with(pointer, INT64_MIN).has_value()) << at;
        EXPECT_FALSE(with(pointer, -1).has_value()) << at;
        EXPECT_FALSE(with(pointer, kYear2200Ms + 1).has_value()) << at;
        EXPECT_FALSE(with(pointer, INT64_MAX).has_value()) << at;
        EXPECT_FALSE(with(pointer, UINT64_MAX).has_value()) << at;  // wraps to -1 as int64
        EXPECT_TRUE(with(pointer, 0).has_value()) << at;
        EXPECT_TRUE(with(pointer, kYear2200Ms).has_value()) << at;
    }
}

}  // namespace
}  // namespace ccp_relogin::guard
