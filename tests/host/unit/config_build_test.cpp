#include <gtest/gtest.h>

#include "config/build.h"
#include "config/validate.h"
#include "config_test_support.h"

namespace {

using nlohmann::json;
namespace config = ccp_relogin::config;

TEST(ConfigBuild, DefaultsForAnEmptyDocument) {
    const config::Config c = config::build_config(json::object());
    EXPECT_TRUE(c.profiles.empty());
    EXPECT_EQ(c.detection.phrases, std::vector<std::string>({"Session expired"}));
    EXPECT_EQ(c.detection.loginPaths,
              std::vector<std::string>({"/login", "/connect/login", "/connect/auth/refresh"}));
    EXPECT_EQ(c.relogin.mode, config::ReloginMode::kTab);
    EXPECT_EQ(c.relogin.timeoutSeconds, 300);
    EXPECT_EQ(c.guard.maxAttempts, 3);
    EXPECT_EQ(c.guard.windowSeconds, 900);
    EXPECT_EQ(c.guard.postLoginSeconds, 60);
    EXPECT_FALSE(c.audit.forwardUrl.has_value());
    EXPECT_TRUE(c.allowedExtensionIds.empty());
    EXPECT_TRUE(c.detection.fixThirdPartyCookies);
}

TEST(ConfigBuild, TheThirdPartyCookieFixCanBeTurnedOff) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["detection"]["fixThirdPartyCookies"] = false;
    EXPECT_FALSE(config::build_config(doc).detection.fixThirdPartyCookies);
    doc["detection"].erase("fixThirdPartyCookies");
    EXPECT_TRUE(config::build_config(doc).detection.fixThirdPartyCookies);
}

TEST(ConfigBuild, ReadsEveryField) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["relogin"] = {{"mode", "in-place"}, {"timeoutSeconds", 120}};
    doc["guard"] = {{"maxAttempts", 5}, {"windowSeconds", 600}, {"postLoginSeconds", 30}};
    doc["audit"]["forwardUrl"] = "https://logs.example.com/in";
    doc["profiles"][1]["instance"]["domain"] = "awsapps.com";
    doc["profiles"][1]["instance"]["partition"] = "aws-us-gov";
    doc["profiles"][1]["instance"]["region"] = "us-gov-west-1";
    ASSERT_TRUE(config::validate_config_json(doc, "t").problems.empty());

    const config::Config c = config::build_config(doc);
    ASSERT_EQ(c.profiles.size(), 2u);
    const auto& agents = c.profiles[0];
    EXPECT_EQ(agents.name, "agents-us");
    EXPECT_EQ(agents.instance.id, "178c75e4-b3de-4839-a6aa-e321ab3f3770");
    EXPECT_EQ(agents.instance.alias, "acme");
    EXPECT_EQ(agents.instance.region, "us-east-1");
    EXPECT_EQ(agents.instance.partition, config::Partition::kAws);
    EXPECT_EQ(agents.instance.domain, config::ConnectDomain::kMyConnectAws);
    EXPECT_EQ(agents.entra.tenantId, "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e");
    EXPECT_EQ(agents.entra.appId, "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c");
    EXPECT_EQ(agents.entra.launcher, config::Launcher::kLauncher);
    EXPECT_EQ(agents.destination, "/ccp-v2");
    EXPECT_EQ(agents.returnTo, std::vector<std::string>({"https://agents.example.com/ccp"}));
    const auto& admins = c.profiles[1];
    EXPECT_EQ(admins.entra.launcher, config::Launcher::kMyApps);
    EXPECT_EQ(admins.instance.domain, config::ConnectDomain::kAwsApps);
    EXPECT_EQ(admins.instance.partition, config::Partition::kAwsUsGov);
    EXPECT_EQ(admins.destination, "/home");
    EXPECT_TRUE(admins.returnTo.empty());
    EXPECT_EQ(c.detection.loginPaths, std::vector<std::string>({"/login", "/connect/login"}));
    EXPECT_EQ(c.relogin.mode, config::ReloginMode::kInPlace);
    EXPECT_EQ(c.relogin.timeoutSeconds, 120);
    EXPECT_EQ(c.guard.maxAttempts, 5);
    EXPECT_EQ(c.guard.windowSeconds, 600);
    EXPECT_EQ(c.guard.postLoginSeconds, 30);
    EXPECT_EQ(c.audit.forwardUrl, "https://logs.example.com/in");
    EXPECT_EQ(c.allowedExtensionIds,
              std::vector<std::string>({"lgnognmbodadambbbcigkefnngodpege"}));
}

TEST(ConfigBuild, ProbeDefaultsAreTheExtensionsDefaultProbe) {
    // extension/lib/probe-rules.js DEFAULT_PROBE
    for (const json& doc : {json::object(), json({{"detection", json::object()}}),
                            json({{"detection", {{"probe", json::object()}}}})}) {
        SCOPED_TRACE(doc.dump());
        const config::ProbeSettings probe = config::build_config(doc).detection.probe;
        EXPECT_TRUE(probe.enabled);
        EXPECT_EQ(probe.path, "/auth/authorize");
        EXPECT_EQ(probe.legacyPath, "/connect/auth/authorize");
        EXPECT_FALSE(probe.signedInStatus.has_value());
        EXPECT_EQ(probe.signedOutStatus, std::vector<int>({401, 403}));
        EXPECT_EQ(probe.onUnknown, config::ProbeOnUnknown::kAct);
    }
}

TEST(ConfigBuild, ReadsEveryProbeField) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["detection"]["probe"] = json::parse(R"({
      "enabled": false, "path": "/api/whoami", "legacyPath": "/connect/api/whoami",
      "signedInStatus": [200, 204], "signedOutStatus": [401, 440], "onUnknown": "ignore"})");
    ASSERT_TRUE(config::validate_config_json(doc, "t").problems.empty());
    const config::ProbeSettings probe = config::build_config(doc).detection.probe;
    EXPECT_FALSE(probe.enabled);
    EXPECT_EQ(probe.path, "/api/whoami");
    EXPECT_EQ(probe.legacyPath, "/connect/api/whoami");
    EXPECT_EQ(probe.signedInStatus, std::vector<int>({200, 204}));
    EXPECT_EQ(probe.signedOutStatus, std::vector<int>({401, 440}));
    EXPECT_EQ(probe.onUnknown, config::ProbeOnUnknown::kIgnore);
}

TEST(ConfigBuild, ProbeKeysAbsentOrNullKeepTheirDefaults) {
    const config::ProbeSettings probe =
        config::build_config(
            json::parse(R"({"detection": {"probe": {"path": "/x", "signedInStatus": null,
                                                    "signedOutStatus": []}}})"))
            .detection.probe;
    EXPECT_TRUE(probe.enabled);
    EXPECT_EQ(probe.path, "/x");
    EXPECT_EQ(probe.legacyPath, "/connect/auth/authorize");
    EXPECT_FALSE(probe.signedInStatus.has_value());  // null: any 2xx
    EXPECT_TRUE(probe.signedOutStatus.empty());      // an explicit empty list stays empty
    EXPECT_EQ(probe.onUnknown, config::ProbeOnUnknown::kAct);
}

TEST(ConfigBuild, ProfileDefaults) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["profiles"][0].erase("destination");
    doc["profiles"][0]["instance"].erase("domain");
    doc["profiles"][0]["entra"].erase("launcher");
    const config::Config c = config::build_config(doc);
    EXPECT_EQ(c.profiles[0].destination, "/ccp-v2");
    EXPECT_EQ(c.profiles[0].instance.domain, config::ConnectDomain::kMyConnectAws);
    EXPECT_EQ(c.profiles[0].entra.launcher, config::Launcher::kLauncher);
}

TEST(ConfigBuild, EmptyPhraseListStaysEmpty) {
    // An explicit empty list turns text detection off; it is not replaced by the default.
    const config::Config c = config::build_config({{"detection", {{"phrases", json::array()}}}});
    EXPECT_TRUE(c.detection.phrases.empty());
    EXPECT_EQ(c.detection.loginPaths, config::default_login_paths());
}

}  // namespace
