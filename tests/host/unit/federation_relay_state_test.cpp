#include <gtest/gtest.h>

#include "federation/relay_state.h"
#include "federation/sign_in_url.h"
#include "federation_test_support.h"

namespace {

using ccp_relogin::config::ConnectDomain;
using ccp_relogin::config::Launcher;
using ccp_relogin::config::Partition;
using ccp_relogin::config::Profile;
using ccp_relogin::testing::make_profile;
using ccp_relogin::testing::split_url;
namespace federation = ccp_relogin::federation;

struct RelayCase {
    const char* label;
    ConnectDomain domain;
    Partition partition;
    const char* region;
    const char* destination;
    const char* expected_relay_state;  // docs/facts.md, "Relay state"
    const char* expected_destination;  // what Connect must receive, decoded
    bool new_domain;
};

const RelayCase kRelayCases[] = {
    {"new domain ccp-v2", ConnectDomain::kMyConnectAws, Partition::kAws, "us-east-1", "/ccp-v2",
     "https://us-east-1.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fccp-v2&new_domain=true",
     "/ccp-v2", true},
    {"new domain chat", ConnectDomain::kMyConnectAws, Partition::kAws, "us-east-1", "/ccp-v2/chat",
     "https://us-east-1.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fccp-v2%2Fchat&new_domain=true",
     "/ccp-v2/chat", true},
    {"new domain agent app", ConnectDomain::kMyConnectAws, Partition::kAws, "eu-central-1",
     "/agent-app-v2",
     "https://eu-central-1.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fagent-app-v2&new_domain=true",
     "/agent-app-v2", true},
    {"legacy adds /connect", ConnectDomain::kAwsApps, Partition::kAws, "us-west-2", "/ccp-v2",
     "https://us-west-2.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fconnect%2Fccp-v2",
     "/connect/ccp-v2", false},
    {"legacy keeps existing /connect", ConnectDomain::kAwsApps, Partition::kAws, "us-west-2",
     "/connect/ccp-v2",
     "https://us-west-2.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fconnect%2Fccp-v2",
     "/connect/ccp-v2", false},
    {"legacy /connectx is not /connect", ConnectDomain::kAwsApps, Partition::kAws, "us-west-2",
     "/connectx",
     "https://us-west-2.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fconnect%2Fconnectx",
     "/connect/connectx", false},
    {"destination query encoded whole", ConnectDomain::kMyConnectAws, Partition::kAws, "us-east-1",
     "/agent-app-v2?VDIPlatform=CITRIX_413",
     "https://us-east-1.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770"
     "?destination=%2Fagent-app-v2%3FVDIPlatform%3DCITRIX_413&new_domain=true",
     "/agent-app-v2?VDIPlatform=CITRIX_413", true},
    {"destination query with & stays inside destination", ConnectDomain::kMyConnectAws,
     Partition::kAws, "us-east-1", "/agent-app-v2?a=1&b=2",
     "https://us-east-1.console.aws.amazon.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fagent-app-v2%3Fa%3D1%26b%3D2&new_domain="
     "true",
     "/agent-app-v2?a=1&b=2", true},
    {"GovCloud has no region in the host", ConnectDomain::kMyConnectAws, Partition::kAwsUsGov,
     "us-gov-west-1", "/ccp-v2",
     "https://console.amazonaws-us-gov.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fccp-v2&new_domain=true",
     "/ccp-v2", true},
    {"GovCloud legacy", ConnectDomain::kAwsApps, Partition::kAwsUsGov, "us-gov-east-1", "/ccp-v2",
     "https://console.amazonaws-us-gov.com/connect/federate/"
     "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fconnect%2Fccp-v2",
     "/connect/ccp-v2", false},
};

Profile profile_for(const RelayCase& c, Launcher launcher = Launcher::kLauncher) {
    Profile p = make_profile("p", c.destination);
    p.instance.domain = c.domain;
    p.instance.partition = c.partition;
    p.instance.region = c.region;
    p.entra.launcher = launcher;
    return p;
}

TEST(FederationRelayState, MatchesDocumentedForms) {
    for (const auto& c : kRelayCases) {
        SCOPED_TRACE(c.label);
        EXPECT_EQ(federation::relay_state_url(profile_for(c)), c.expected_relay_state);
    }
}

TEST(FederationRelayState, DecodesBackToTheDestination) {
    for (const auto& c : kRelayCases) {
        SCOPED_TRACE(c.label);
        const Profile p = profile_for(c);
        const auto relay = split_url(federation::relay_state_url(p));
        ASSERT_TRUE(relay);
        EXPECT_EQ(relay->scheme, "https");
        EXPECT_EQ(relay->path, "/connect/federate/" + p.instance.id);
        EXPECT_EQ(relay->params.at("destination"), c.expected_destination);
        EXPECT_EQ(relay->params.count("new_domain"), c.new_domain ? 1u : 0u);
        if (c.new_domain) {
            EXPECT_EQ(relay->params.at("new_domain"), "true");
        }
        EXPECT_EQ(relay->params.size(), c.new_domain ? 2u : 1u);
    }
}

TEST(FederationSignIn, RelayStateIsEncodedOnceMoreAsAWhole) {
    for (const auto launcher : {Launcher::kLauncher, Launcher::kMyApps}) {
        for (const auto& c : kRelayCases) {
            SCOPED_TRACE(c.label);
            const Profile p = profile_for(c, launcher);
            const std::string url = federation::sign_in_url(p);
            const auto outer = split_url(url);
            ASSERT_TRUE(outer);
            EXPECT_EQ(outer->scheme, "https");
            if (launcher == Launcher::kLauncher) {
                EXPECT_EQ(outer->host, "launcher.myapps.microsoft.com");
                EXPECT_EQ(outer->path, "/api/signin/" + p.entra.appId);
            } else {
                EXPECT_EQ(outer->host, "myapps.microsoft.com");
                EXPECT_EQ(outer->path, "/signin/" + p.entra.appId);
            }
            EXPECT_EQ(outer->params.size(), 2u);
            EXPECT_EQ(outer->params.at("tenantId"), p.entra.tenantId);
            // First decoding step: the RelayState value is the relay state URL itself.
            const std::string relay_state = outer->params.at("RelayState");
            EXPECT_EQ(relay_state, c.expected_relay_state);
            // Second step: its destination decodes to the Connect path.
            const auto inner = split_url(relay_state);
            ASSERT_TRUE(inner);
            EXPECT_EQ(inner->params.at("destination"), c.expected_destination);
        }
    }
}

TEST(FederationSignIn, DoubleEncodesTheDestinationSlash) {
    const Profile p = make_profile("agents-us", "/ccp-v2");
    EXPECT_EQ(
        federation::sign_in_url(p),
        "https://launcher.myapps.microsoft.com/api/signin/"
        "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c?tenantId=9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e"
        "&RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F"
        "178c75e4-b3de-4839-a6aa-e321ab3f3770%3Fdestination%3D%252Fccp-v2%26new_domain%3Dtrue");
}

TEST(FederationConnectUrls, OriginAndDestinationUrl) {
    Profile p = make_profile("p", "/ccp-v2");
    p.instance.alias = "Acme";  // hosts are shown in lower case by browsers
    EXPECT_EQ(federation::connect_origin(p.instance), "https://acme.my.connect.aws");
    EXPECT_EQ(federation::connect_destination_url(p), "https://acme.my.connect.aws/ccp-v2");
    p.instance.domain = ConnectDomain::kAwsApps;
    EXPECT_EQ(federation::connect_origin(p.instance), "https://acme.awsapps.com");
    EXPECT_EQ(federation::connect_destination_url(p), "https://acme.awsapps.com/connect/ccp-v2");
}

TEST(FederationConnectUrls, ConsoleHostPerPartition) {
    Profile p = make_profile();
    EXPECT_EQ(federation::console_host(p.instance), "us-east-1.console.aws.amazon.com");
    p.instance.partition = Partition::kAwsUsGov;
    p.instance.region = "us-gov-west-1";
    EXPECT_EQ(federation::console_host(p.instance), "console.amazonaws-us-gov.com");
}

TEST(FederationConnectUrls, LegacyPrefix) {
    EXPECT_EQ(federation::legacy_connect_destination("/ccp-v2"), "/connect/ccp-v2");
    EXPECT_EQ(federation::legacy_connect_destination("/connect"), "/connect");
    EXPECT_EQ(federation::legacy_connect_destination("/connect/ccp"), "/connect/ccp");
    EXPECT_EQ(federation::legacy_connect_destination("/connect?x=1"), "/connect?x=1");
    EXPECT_EQ(federation::legacy_connect_destination("/connectx"), "/connect/connectx");
}

}  // namespace
