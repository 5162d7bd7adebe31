// federation/cookie_policy.h: the CookiesAllowedForUrls entries the
// configuration calls for, "<Connect site>,<custom-CCP origin>".
#include <gtest/gtest.h>

#include "federation/cookie_policy.h"
#include "federation_test_support.h"

namespace {

using ccp_relogin::config::Config;
using ccp_relogin::config::ConnectDomain;
using ccp_relogin::config::Profile;
using ccp_relogin::testing::make_profile;
namespace federation = ccp_relogin::federation;
using Entries = std::vector<std::string>;

Profile with_return_to(std::string name, Entries return_to) {
    Profile p = make_profile(std::move(name));
    p.returnTo = std::move(return_to);
    return p;
}

TEST(FederationCookiePolicy, TheConnectSiteCoversEveryInstanceOfItsDomain) {
    Profile p = make_profile();
    EXPECT_EQ(federation::connect_site_pattern(p.instance), "https://[*.]my.connect.aws");
    p.instance.domain = ConnectDomain::kAwsApps;
    EXPECT_EQ(federation::connect_site_pattern(p.instance), "https://[*.]awsapps.com");
}

TEST(FederationCookiePolicy, OneEntryPerCustomCcpOrigin) {
    const Profile p = with_return_to(
        "agents-us",
        {"https://agents.example.com/ccp", "https://agents.example.com/queue?x=1",
         "https://AGENTS.example.com:443/other", "https://crm.example.com:8443/phone"});
    EXPECT_EQ(federation::return_to_origins(p),
              (Entries{"https://agents.example.com", "https://crm.example.com:8443"}));
    EXPECT_EQ(federation::cookies_allowed_for_urls(p),
              (Entries{"https://[*.]my.connect.aws,https://agents.example.com",
                       "https://[*.]my.connect.aws,https://crm.example.com:8443"}));
}

TEST(FederationCookiePolicy, NoCustomCcpNoEntry) {
    EXPECT_EQ(federation::cookies_allowed_for_urls(with_return_to("admins-us", {})), Entries{});
    // Validation keeps such entries out; they would never name an origin here.
    EXPECT_EQ(federation::cookies_allowed_for_urls(
                  with_return_to("odd", {"http://agents.example.com/", "not a url",
                                         "https://user:pw@agents.example.com/"})),
              Entries{});
}

TEST(FederationCookiePolicy, EveryProfileOnceInConfigurationOrder) {
    Config config;
    config.profiles.push_back(with_return_to("agents-us", {"https://agents.example.com/ccp"}));
    config.profiles.push_back(with_return_to("admins-us", {}));
    Profile legacy = with_return_to("oldco", {"https://agents.example.com/ccp"});
    legacy.instance.domain = ConnectDomain::kAwsApps;
    config.profiles.push_back(legacy);
    config.profiles.push_back(with_return_to("agents-eu", {"https://agents.example.com/eu"}));
    EXPECT_EQ(federation::cookies_allowed_for_urls(config),
              (Entries{"https://[*.]my.connect.aws,https://agents.example.com",
                       "https://[*.]awsapps.com,https://agents.example.com"}));
}

}  // namespace
