// Global Resiliency (federation/global_sign_in.h) and external destinations
// (federation/relay_state.h): the URLs read back with libcurl, one decoding
// at a time.
#include <gtest/gtest.h>

#include "federation/global_sign_in.h"
#include "federation/relay_state.h"
#include "federation/return_url.h"
#include "federation/sign_in_url.h"
#include "federation_test_support.h"

namespace {

using ccp_relogin::testing::make_profile;
using ccp_relogin::testing::split_url;
namespace federation = ccp_relogin::federation;

TEST(FederationGlobalResiliency, SignInUrlCarriesNoRelayState) {
    auto profile = make_profile();
    profile.instance.globalResiliency = true;
    const auto url = federation::sign_in_url(profile);
    EXPECT_EQ(url,
              "https://launcher.myapps.microsoft.com/api/signin/"
              "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c?tenantId=9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e");
    const auto split = split_url(url);
    ASSERT_TRUE(split);
    EXPECT_FALSE(split->params.contains("RelayState"));
    EXPECT_EQ(url.find("RelayState"), std::string::npos);

    profile.entra.launcher = ccp_relogin::config::Launcher::kMyApps;
    EXPECT_EQ(federation::sign_in_url(profile).find("RelayState"), std::string::npos);
}

TEST(FederationGlobalResiliency, WithoutItTheRelayStateIsThere) {
    const auto split = split_url(federation::sign_in_url(make_profile()));
    ASSERT_TRUE(split);
    EXPECT_TRUE(split->params.contains("RelayState"));
}

TEST(FederationGlobalResiliency, EndpointIsTheInstancesSignInHostInTheSourceRegion) {
    auto profile = make_profile();
    profile.instance.id = "178C75E4-B3DE-4839-A6AA-E321AB3F3770";
    profile.instance.region = "eu-west-2";
    EXPECT_EQ(federation::global_sign_in_host(profile.instance),
              "178c75e4-b3de-4839-a6aa-e321ab3f3770.eu-west-2.sign-in.connect.aws");
    EXPECT_EQ(federation::global_sign_in_endpoint(profile.instance),
              "https://178c75e4-b3de-4839-a6aa-e321ab3f3770.eu-west-2.sign-in.connect.aws/saml");
}

TEST(FederationGlobalResiliency, SignInTargetIsTheEndpointWithTheDestination) {
    auto profile = make_profile("agents-us", "/agent-app-v2");
    EXPECT_EQ(federation::sign_in_target(profile), federation::relay_state_url(profile));
    profile.instance.globalResiliency = true;
    const auto target = federation::sign_in_target(profile);
    const auto split = split_url(target);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->host, "178c75e4-b3de-4839-a6aa-e321ab3f3770.us-east-1.sign-in.connect.aws");
    EXPECT_EQ(split->path, "/saml");
    EXPECT_EQ(split->params.at("instanceId"), "178c75e4-b3de-4839-a6aa-e321ab3f3770");
    EXPECT_EQ(split->params.at("destination"), "/agent-app-v2");
}

TEST(FederationExternalDestination, RelayStateCarriesTheUrlEncodedAndTheEntraUrlAgain) {
    auto profile = make_profile("agents-us", "https://agents.example.com/ccp");
    profile.returnTo = {"https://agents.example.com/ccp"};
    EXPECT_TRUE(federation::is_external_destination(profile));
    const auto relay = federation::relay_state_url(profile);
    EXPECT_EQ(relay,
              "https://us-east-1.console.aws.amazon.com/connect/federate/"
              "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=https%3A%2F%2Fagents.example.com%"
              "2Fccp&new_domain=true");
    const auto relay_split = split_url(relay);
    ASSERT_TRUE(relay_split);
    EXPECT_EQ(relay_split->params.at("destination"), "https://agents.example.com/ccp");

    const auto sign_in = split_url(federation::sign_in_url(profile));
    ASSERT_TRUE(sign_in);
    EXPECT_EQ(sign_in->params.at("RelayState"), relay);  // decoded once: the relay state itself
    EXPECT_NE(federation::sign_in_url(profile).find("https%253A%252F%252Fagents.example.com"),
              std::string::npos);
}

TEST(FederationExternalDestination, LegacyDomainGetsNoConnectPrefix) {
    auto profile = make_profile("agents-us", "https://agents.example.com/ccp");
    profile.instance.domain = ccp_relogin::config::ConnectDomain::kAwsApps;
    EXPECT_EQ(federation::connect_destination(profile), "https://agents.example.com/ccp");
    const auto split = split_url(federation::relay_state_url(profile));
    ASSERT_TRUE(split);
    EXPECT_EQ(split->params.at("destination"), "https://agents.example.com/ccp");
    EXPECT_FALSE(split->params.contains("new_domain"));
}

TEST(FederationExternalDestination, TheDestinationIsTheLastResortReturnUrl) {
    auto profile = make_profile("agents-us", "https://agents.example.com/ccp");
    EXPECT_EQ(federation::connect_destination_url(profile), "https://agents.example.com/ccp");
    profile.returnTo = {"https://agents.example.com/ccp"};
    EXPECT_EQ(federation::choose_return_url(profile, ""), "https://agents.example.com/ccp");
}

}  // namespace
