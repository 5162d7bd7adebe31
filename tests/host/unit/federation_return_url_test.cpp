#include <gtest/gtest.h>

#include "federation/return_url.h"
#include "federation_test_support.h"

namespace {

using ccp_relogin::config::Profile;
using ccp_relogin::federation::choose_return_url;
using ccp_relogin::testing::make_profile;

Profile with_return_to(std::vector<std::string> entries) {
    Profile p = make_profile("agents-us", "/ccp-v2");
    p.returnTo = std::move(entries);
    return p;
}

TEST(FederationReturnUrl, KeepsAReportedPageUnderTheAllowlist) {
    const Profile p = with_return_to(
        {"https://agents.example.com/ccp?tenant=eu", "https://ops.example.com:8443/"});
    struct Case {
        const char* reported;
        const char* expected;
    };
    const Case cases[] = {
        // Same path as the entry: the entry itself, with its configured query.
        {"https://agents.example.com/ccp", "https://agents.example.com/ccp?tenant=eu"},
        {"https://agents.example.com/ccp?next=https://evil.com",
         "https://agents.example.com/ccp?tenant=eu"},
        // Below it: the reported path on the entry's origin, no query or fragment.
        {"https://agents.example.com/ccp/queue/7?next=https://evil.com#x",
         "https://agents.example.com/ccp/queue/7"},
        {"https://AGENTS.example.com:443/ccp/q", "https://agents.example.com/ccp/q"},
        {"https://ops.example.com:8443/board", "https://ops.example.com:8443/board"},
        // Not covered: the first entry.
        {"https://agents.example.com/ccpx", "https://agents.example.com/ccp?tenant=eu"},
        {"https://agents.example.com/ccp/%2e%2e/admin", "https://agents.example.com/ccp?tenant=eu"},
        {"https://agents.example.com/ccp/../admin", "https://agents.example.com/ccp?tenant=eu"},
        {"http://agents.example.com/ccp/q", "https://agents.example.com/ccp?tenant=eu"},
        {"https://agents.example.com:8443/ccp/q", "https://agents.example.com/ccp?tenant=eu"},
        {"https://agents.example.com@evil.com/ccp/q", "https://agents.example.com/ccp?tenant=eu"},
        {"https://evil.com/ccp/q", "https://agents.example.com/ccp?tenant=eu"},
        {"https://ops.example.com/board", "https://agents.example.com/ccp?tenant=eu"},
        {"", "https://agents.example.com/ccp?tenant=eu"},
        {"garbage", "https://agents.example.com/ccp?tenant=eu"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.reported);
        EXPECT_EQ(choose_return_url(p, c.reported), c.expected);
    }
}

TEST(FederationReturnUrl, FallsBackToTheConnectDestination) {
    Profile p = with_return_to({});
    EXPECT_EQ(choose_return_url(p, "https://agents.example.com/ccp"),
              "https://acme.my.connect.aws/ccp-v2");
    p.instance.domain = ccp_relogin::config::ConnectDomain::kAwsApps;
    EXPECT_EQ(choose_return_url(p, ""), "https://acme.awsapps.com/connect/ccp-v2");
}

}  // namespace
