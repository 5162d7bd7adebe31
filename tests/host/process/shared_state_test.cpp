// Several host processes of one user share the guard state on disk
// (sendNativeMessage starts a process per message; several browser profiles
// run hosts at once): single flight must hold across processes.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;

TEST(HostSharedState, TwoHostsReportingTheSameExpiryAtOnceGetOneReloginAndOneWait) {
    HostFixture fixture;
    auto first = fixture.start();
    auto second = fixture.start();
    // Both running and past start-up before the race begins.
    for (auto* host : {first.get(), second.get()}) {
        host->send({{"type", "status"}, {"id", "ready"}});
        ASSERT_EQ(host->expect_reply()["re"], "ready");
    }
    first->send(expired_message("a"));
    second->send(expired_message("b"));
    const json a = first->expect_reply();
    const json b = second->expect_reply();

    const int relogins = (a["type"] == "relogin") + (b["type"] == "relogin");
    const int waits = (a["type"] == "wait") + (b["type"] == "wait");
    EXPECT_EQ(relogins, 1) << a.dump() << '\n' << b.dump();
    EXPECT_EQ(waits, 1) << a.dump() << '\n' << b.dump();
    const json& wait = a["type"] == "wait" ? a : b;
    EXPECT_EQ(wait["reason"], "in-progress");

    // The landing reported to the host that did not grant the sign-in still
    // ends it: the state is shared.
    const json& relogin = a["type"] == "relogin" ? a : b;
    HostProcess& other = a["type"] == "relogin" ? *second : *first;
    other.send({{"type", "landed"},
                {"correlationId", relogin["correlationId"]},
                {"url", "https://acme.my.connect.aws/ccp-v2"}});
    EXPECT_EQ(other.expect_reply()["type"], "return");

    first->close_input();
    second->close_input();
    EXPECT_EQ(first->wait_exit(), 0);
    EXPECT_EQ(second->wait_exit(), 0);
}

// The agent closed the sign-in tab in browser A: that sign-in is over for
// every host, so browser B's expiry starts one instead of waiting out the
// closed one's deadline. The sign-in was granted 10 s ago (written to the
// shared state), so the back-off between attempts has passed.
TEST(HostSharedState, ACancelledSignInDoesNotHoldBackAnotherBrowsersExpiry) {
    HostFixture fixture;
    const int64_t granted_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count() -
                               10'000;
    std::filesystem::create_directory(fixture.state_dir());
    std::ofstream(fixture.state_dir() / "guard.json") << json{
        {"v", 1},
        {"profiles",
         {{"agents-us",
           {{"attempts", json::array({granted_at})},
            {"blockedUntilMs", granted_at + 2000},
            {"lastLandedCorrelationId", ""},
            {"inFlight",
             {{"correlationId", "c-1"},
              {"startedMs", granted_at},
              {"deadlineMs", granted_at + 300'000},
              {"attempt", 1}}}}}}}}.dump();
    auto a = fixture.start();
    auto b = fixture.start();
    a->send({{"type", "failed"},
             {"id", "cancel"},
             {"correlationId", "c-1"},
             {"stage", "cancelled"},
             {"url", ""},
             {"evidence", "the agent closed the sign-in tab"}});
    const json final_answer = a->expect_reply();
    EXPECT_EQ(final_answer["type"], "stop") << final_answer.dump();
    EXPECT_EQ(final_answer["reason"], "cancelled");

    b->send(expired_message("b"));
    const json next = b->expect_reply();
    ASSERT_EQ(next["type"], "relogin") << next.dump();
    EXPECT_EQ(next["attempt"], 2) << "the closed sign-in still counts as an attempt";

    a->close_input();
    b->close_input();
    EXPECT_EQ(a->wait_exit(), 0);
    EXPECT_EQ(b->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
