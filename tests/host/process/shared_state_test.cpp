// Several host processes of one user share the guard state on disk
// (sendNativeMessage starts a process per message; several browser profiles
// run hosts at once): single flight must hold across processes.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ccp_relogin::process_test
