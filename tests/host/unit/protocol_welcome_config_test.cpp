#include <gtest/gtest.h>

#include "config/build.h"
#include "config_test_support.h"
#include "protocol/welcome_config.h"

namespace {

using nlohmann::json;
namespace config = ccp_relogin::config;
using ccp_relogin::protocol::welcome_config_json;

TEST(ConfigExtensionView, CarriesExactlyTheAgreedShape) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["profiles"][1]["instance"]["domain"] = "awsapps.com";
    doc["profiles"][1]["instance"]["alias"] = "OldCo";
    doc["audit"]["forwardUrl"] = "https://logs.example.com/in";
    const json view = welcome_config_json(config::build_config(doc));
    const json expected = json::parse(R"({
      "profiles": [
        {"name": "agents-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                      "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws",
                      "globalResiliency": false},
         "connectOrigin": "https://acme.my.connect.aws",
         "destination": "/ccp-v2",
         "returnTo": ["https://agents.example.com/ccp"],
         "cookiesAllowedForUrls": ["https://[*.]my.connect.aws,https://agents.example.com"]},
        {"name": "admins-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "OldCo",
                      "region": "us-east-1", "partition": "aws", "domain": "awsapps.com",
                      "globalResiliency": false},
         "connectOrigin": "https://oldco.awsapps.com",
         "destination": "/home",
         "returnTo": [],
         "cookiesAllowedForUrls": []}
      ],
      "detection": {"phrases": ["Session expired"], "loginPaths": ["/login", "/connect/login"],
                    "probe": {"enabled": true, "path": "/auth/authorize",
                              "legacyPath": "/connect/auth/authorize", "signedInStatus": null,
                              "signedOutStatus": [401, 403], "onUnknown": "act"},
                    "fixThirdPartyCookies": true},
      "relogin": {"mode": "tab", "timeoutSeconds": 300, "afterInactivity": "on-return"},
      "session": {"maxSeconds": 43200, "refreshBeforeSeconds": 1800, "refreshJitterSeconds": 600},
      "guard": {"maxAttempts": 3, "windowSeconds": 900, "postLoginSeconds": 60}
    })");
    EXPECT_EQ(view, expected);
}

// The shape extension/lib/probe-rules.js probeSettings() reads.
TEST(ConfigExtensionView, ProbeCarriesTheConfiguredValues) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["detection"]["probe"] = json::parse(R"({
      "enabled": false, "path": "/api/whoami", "legacyPath": "/connect/api/whoami",
      "signedInStatus": [200, 204], "signedOutStatus": [], "onUnknown": "ignore"})");
    const json view = welcome_config_json(config::build_config(doc));
    EXPECT_EQ(view["detection"]["probe"], doc["detection"]["probe"]);
}

TEST(ConfigExtensionView, ProbeDefaultsWithAny2xxAsNull) {
    const json view = welcome_config_json(config::build_config(json::object()));
    EXPECT_EQ(view["detection"]["probe"], json::parse(R"({
      "enabled": true, "path": "/auth/authorize", "legacyPath": "/connect/auth/authorize",
      "signedInStatus": null, "signedOutStatus": [401, 403], "onUnknown": "act"})"));
}

// extension/lib/cookie-rules.js reads these: whether it may allow the Connect
// cookie in a custom CCP, and the policy entry it names when it may not.
TEST(ConfigExtensionView, CarriesTheThirdPartyCookieSwitchAndThePolicyEntries) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["detection"]["fixThirdPartyCookies"] = false;
    doc["profiles"][0]["returnTo"] = {"https://agents.example.com/ccp",
                                      "https://agents.example.com/queue",
                                      "https://crm.example.com:8443/phone"};
    const json view = welcome_config_json(config::build_config(doc));
    EXPECT_EQ(view["detection"]["fixThirdPartyCookies"], false);
    EXPECT_EQ(view["profiles"][0]["cookiesAllowedForUrls"],
              json({"https://[*.]my.connect.aws,https://agents.example.com",
                    "https://[*.]my.connect.aws,https://crm.example.com:8443"}));
}

TEST(ConfigExtensionView, NeverCarriesEntraOrAuditSettings) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["audit"]["forwardUrl"] = "https://logs.example.com/in";
    const std::string text = welcome_config_json(config::build_config(doc)).dump();
    for (const char* secret :
         {"9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e", "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c",
          "logs.example.com", "entra", "tenantId", "appId", "audit", "allowedExtensionIds"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
}

TEST(ConfigExtensionView, DefaultsForAnEmptyConfig) {
    const json view = welcome_config_json(config::build_config(json::object()));
    EXPECT_EQ(view["profiles"], json::array());
    EXPECT_EQ(view["detection"]["phrases"], json({"Session expired"}));
    EXPECT_EQ(view["detection"]["loginPaths"],
              json({"/login", "/connect/login", "/connect/auth/refresh"}));
    EXPECT_EQ(view["relogin"],
              json({{"mode", "tab"}, {"timeoutSeconds", 300}, {"afterInactivity", "on-return"}}));
    EXPECT_EQ(view["session"], json({{"maxSeconds", 43200},
                                     {"refreshBeforeSeconds", 1800},
                                     {"refreshJitterSeconds", 600}}));
}

// The extension's refresh scheduler and inactivity handling read these names.
TEST(ConfigExtensionView, CarriesTheSessionSettingsAndAfterInactivity) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["session"] = {
        {"maxSeconds", 28800}, {"refreshBeforeSeconds", 900}, {"refreshJitterSeconds", 300}};
    doc["relogin"]["afterInactivity"] = "ask";
    const json view = welcome_config_json(config::build_config(doc));
    EXPECT_EQ(view["session"], doc["session"]);
    EXPECT_EQ(view["relogin"]["afterInactivity"], "ask");
}

TEST(ConfigExtensionView, CarriesGlobalResiliencyAndAnExternalDestination) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["profiles"][0]["instance"]["globalResiliency"] = true;
    doc["profiles"][0]["destination"] = "https://agents.example.com/ccp";
    const json view = welcome_config_json(config::build_config(doc));
    EXPECT_EQ(view["profiles"][0]["instance"]["globalResiliency"], true);
    EXPECT_EQ(view["profiles"][0]["destination"], "https://agents.example.com/ccp");
    EXPECT_EQ(view["profiles"][1]["instance"]["globalResiliency"], false);
}

}  // namespace
