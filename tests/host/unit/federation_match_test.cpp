#include <gtest/gtest.h>

#include <string>

#include "federation/profile_match.h"
#include "federation_test_support.h"

namespace {

using ccp_relogin::config::Config;
using ccp_relogin::config::ConnectDomain;
using ccp_relogin::config::Partition;
using ccp_relogin::config::Profile;
using ccp_relogin::federation::match_profile;
using ccp_relogin::testing::make_profile;

// agents-us and admins-us share the acme instance; legacy-eu is on awsapps.com;
// gov is in GovCloud; portal has only a custom CCP.
Config sample_config() {
    Config c;
    Profile agents = make_profile("agents-us", "/ccp-v2");
    agents.returnTo = {"https://agents.example.com/ccp"};
    Profile admins = make_profile("admins-us", "/home");
    admins.entra.appId = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
    admins.returnTo = {"https://agents.example.com/ccp/supervisor"};
    Profile legacy = make_profile("legacy-eu", "/ccp-v2");
    legacy.instance.id = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    legacy.instance.alias = "oldco";
    legacy.instance.region = "eu-west-2";
    legacy.instance.domain = ConnectDomain::kAwsApps;
    Profile gov = make_profile("gov", "/agent-app-v2?VDIPlatform=CITRIX_413");
    gov.instance.id = "11111111-2222-4333-8444-555555555555";
    gov.instance.alias = "govco";
    gov.instance.region = "us-gov-west-1";
    gov.instance.partition = Partition::kAwsUsGov;
    Profile portal = make_profile("portal", "/ccp-v2");
    portal.instance.id = "99999999-2222-4333-8444-555555555555";
    portal.instance.alias = "other";
    portal.returnTo = {"https://portal.example.com:8443/"};
    c.profiles = {agents, admins, legacy, gov, portal};
    return c;
}

struct MatchCase {
    const char* url;
    const char* expected;  // nullptr: no profile
};

void expect_matches(const Config& config, std::initializer_list<MatchCase> cases) {
    for (const auto& c : cases) {
        SCOPED_TRACE(c.url);
        const Profile* p = match_profile(config, c.url);
        if (c.expected == nullptr) {
            EXPECT_EQ(p, nullptr) << "matched " << p->name;
        } else {
            ASSERT_NE(p, nullptr);
            EXPECT_EQ(p->name, c.expected);
        }
    }
}

TEST(FederationMatch, ConnectPagesAndTwoProfilesOnOneInstance) {
    expect_matches(sample_config(),
                   {
                       {"https://acme.my.connect.aws/ccp-v2", "agents-us"},
                       {"https://acme.my.connect.aws/ccp-v2/chat", "agents-us"},
                       {"https://acme.my.connect.aws/ccp-v2#/softphone", "agents-us"},
                       {"https://acme.my.connect.aws/home", "admins-us"},
                       {"https://acme.my.connect.aws/home/dashboard?x=1", "admins-us"},
                       {"https://ACME.My.Connect.AWS/home", "admins-us"},
                       {"https://acme.my.connect.aws:443/home", "admins-us"},
                       // Nothing covers the login page: first profile in config order.
                       {"https://acme.my.connect.aws/login", "agents-us"},
                       {"https://acme.my.connect.aws/connect/login", "agents-us"},
                       {"https://acme.my.connect.aws/homepage", "agents-us"},
                       {"https://acme.my.connect.aws/", "agents-us"},
                   });
}

TEST(FederationMatch, OrderDecidesWhenNothingCovers) {
    Config c = sample_config();
    std::swap(c.profiles[0], c.profiles[1]);
    expect_matches(c, {
                          {"https://acme.my.connect.aws/login", "admins-us"},
                          {"https://acme.my.connect.aws/ccp-v2", "agents-us"},
                      });
}

TEST(FederationMatch, LongestDestinationWins) {
    Config c;
    c.profiles = {make_profile("short", "/ccp-v2"), make_profile("long", "/ccp-v2/chat")};
    expect_matches(c, {
                          {"https://acme.my.connect.aws/ccp-v2/chat/x", "long"},
                          {"https://acme.my.connect.aws/ccp-v2/chatty", "short"},
                          {"https://acme.my.connect.aws/ccp-v2", "short"},
                      });
}

TEST(FederationMatch, LegacyDomain) {
    expect_matches(sample_config(), {
                                        {"https://oldco.awsapps.com/connect/ccp-v2", "legacy-eu"},
                                        {"https://oldco.awsapps.com/connect/login", "legacy-eu"},
                                        {"https://oldco.awsapps.com/connect", "legacy-eu"},
                                        // AWS redirects legacy instances to the new domain.
                                        {"https://oldco.my.connect.aws/ccp-v2", "legacy-eu"},
                                        // Not Connect: the IAM Identity Center portal.
                                        {"https://oldco.awsapps.com/start", nullptr},
                                        {"https://oldco.awsapps.com/connectx", nullptr},
                                        {"https://acme.awsapps.com/connect/home", "admins-us"},
                                    });
}

TEST(FederationMatch, FederateUrls) {
    expect_matches(
        sample_config(),
        {
            {"https://us-east-1.console.aws.amazon.com/connect/federate/"
             "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fhome&new_domain=true",
             "admins-us"},
            {"https://us-east-1.console.aws.amazon.com/connect/federate/"
             "178C75E4-B3DE-4839-A6AA-E321AB3F3770?destination=%2Fccp-v2%2Fchat",
             "agents-us"},
            {"https://us-east-1.console.aws.amazon.com/connect/federate/"
             "178c75e4-b3de-4839-a6aa-e321ab3f3770",
             "agents-us"},
            {"https://eu-west-2.console.aws.amazon.com/connect/federate/"
             "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee?destination=%2Fconnect%2Fccp-v2",
             "legacy-eu"},
            {"https://console.amazonaws-us-gov.com/connect/federate/"
             "11111111-2222-4333-8444-555555555555",
             "gov"},
            // Wrong region or partition for the instance: not the profile's relay state.
            {"https://eu-west-1.console.aws.amazon.com/connect/federate/"
             "178c75e4-b3de-4839-a6aa-e321ab3f3770",
             nullptr},
            {"https://console.amazonaws-us-gov.com/connect/federate/"
             "178c75e4-b3de-4839-a6aa-e321ab3f3770",
             nullptr},
            {"https://us-gov-west-1.console.aws.amazon.com/connect/federate/"
             "11111111-2222-4333-8444-555555555555",
             nullptr},
            // Another host carrying the same path is not the console.
            {"https://evil.com/connect/federate/178c75e4-b3de-4839-a6aa-e321ab3f3770", nullptr},
            {"https://us-east-1.console.aws.amazon.com/connect/federate/unknown", nullptr},
            {"https://us-east-1.console.aws.amazon.com/connect/federate/"
             "178c75e4-b3de-4839-a6aa-e321ab3f3770/extra",
             nullptr},
        });
}

TEST(FederationMatch, CustomCcpByReturnTo) {
    expect_matches(sample_config(),
                   {
                       {"https://agents.example.com/ccp", "agents-us"},
                       {"https://agents.example.com/ccp/", "agents-us"},
                       {"https://agents.example.com/ccp/queue?x=1#y", "agents-us"},
                       {"https://agents.example.com/ccp/supervisor/team", "admins-us"},
                       {"https://agents.example.com/ccpx", nullptr},
                       {"https://agents.example.com/", nullptr},
                       {"https://agents.example.com/ccp/%2e%2e/admin", nullptr},
                       {"https://agents.example.com/ccp/../admin", nullptr},
                       {"https://portal.example.com:8443/any/page", "portal"},
                       {"https://portal.example.com/any/page", nullptr},
                       {"https://portal.example.com:9443/any/page", nullptr},
                   });
}

TEST(FederationMatch, HostileUrlsNeverMatch) {
    const std::string huge = "https://acme.my.connect.aws/" + std::string(20000, 'a');
    expect_matches(sample_config(),
                   {
                       {"https://acme.my.connect.aws@evil.com/ccp-v2", nullptr},
                       // Chrome sends host names decoded: an escaped one did
                       // not come from the browser (base/url.h).
                       {"https://acme%2emy.connect.aws/home", nullptr},
                       {"https://user:pw@acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws.evil.com/ccp-v2", nullptr},
                       {"https://evilacme.my.connect.aws.evil.com/", nullptr},
                       {"https://x.acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://.my.connect.aws/ccp-v2", nullptr},
                       {"https://my.connect.aws/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws./ccp-v2", nullptr},
                       {"http://acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws:8443/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws:0/ccp-v2", nullptr},
                       {"https://evil.com\\@acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws;x@evil.com/ccp-v2", nullptr},
                       {"https://evil.com%2f.acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws%00.evil.com/ccp-v2", nullptr},
                       {"https://acme.my.connect.aws%2eevil.com/ccp-v2", nullptr},
                       {"https://evil.com/https://acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://evil.com/?u=https://acme.my.connect.aws/", nullptr},
                       {"http://agents.example.com/ccp", nullptr},
                       {"https://agents.example.com@evil.com/ccp", nullptr},
                       {"https://agents.example.com:444/ccp", nullptr},
                       {"acme.my.connect.aws/ccp-v2", nullptr},
                       {"//acme.my.connect.aws/ccp-v2", nullptr},
                       {"javascript://acme.my.connect.aws/%0aalert(1)", nullptr},
                       {"", nullptr},
                       {"\xff\xfe garbage", nullptr},
                       {huge.c_str(), nullptr},
                   });
}

TEST(FederationMatch, EmptyConfigMatchesNothing) {
    expect_matches(Config{}, {{"https://acme.my.connect.aws/ccp-v2", nullptr}});
}

}  // namespace

namespace {

using ccp_relogin::federation::is_connect_page;

// Global Resiliency's subdomain-based aliases (docs/facts.md, "Global
// Resiliency"): us-east-1.acme.my.connect.aws is a page of acme.
TEST(FederationMatch, RegionalAliasesOfGlobalResiliency) {
    expect_matches(sample_config(),
                   {
                       {"https://us-east-1.acme.my.connect.aws/ccp-v2", "agents-us"},
                       {"https://us-west-2.acme.my.connect.aws/home", "admins-us"},
                       {"https://us-gov-west-1.govco.my.connect.aws/agent-app-v2", "gov"},
                       {"https://www.acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://us-east-x.acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://a.us-east-1.acme.my.connect.aws/ccp-v2", nullptr},
                       {"https://us-east-1.oldco.awsapps.com/connect/ccp-v2", nullptr},
                   });
    EXPECT_TRUE(is_connect_page("https://us-west-2.elsewhere.my.connect.aws/ccp-v2"));
    EXPECT_FALSE(is_connect_page("https://www.elsewhere.my.connect.aws/ccp-v2"));
    EXPECT_FALSE(is_connect_page(
        "https://178c75e4-b3de-4839-a6aa-e321ab3f3770.us-east-1.sign-in.connect.aws/saml"));
}

// An external destination covers no Connect page, so the tie-break falls to order.
TEST(FederationMatch, ExternalDestinationCoversNoConnectPage) {
    Config c;
    Profile external = make_profile("external", "https://agents.example.com/ccp");
    external.returnTo = {"https://agents.example.com/ccp"};
    c.profiles = {external, make_profile("path", "/ccp-v2")};
    expect_matches(c, {
                          {"https://acme.my.connect.aws/ccp-v2", "path"},
                          {"https://acme.my.connect.aws/login", "external"},
                          {"https://agents.example.com/ccp", "external"},
                      });
}

}  // namespace
