// cookie-rule (docs/protocol.md): the patterns the host accepts, the reasons
// of each action, whether the configuration names a rule, and the audit line
// the Dispatcher writes. The frames themselves are in tests/contract/.
#include <gtest/gtest.h>

#include "protocol/cookie_rule.h"
#include "protocol/messages.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

CookieRule agents_rule() {
    return {CookieRuleAction::kSet, "agents-us", "https://acme.my.connect.aws/*",
            "https://agents.example.com/*", "third-party-cookies-blocked"};
}

config::Config agents() { return config::assemble_config({{"t", test::agents_config()}}).config; }

TEST(ProtocolCookieRule, ThePrimaryPatternIsExactlyOneConnectHost) {
    for (const char* ok : {"https://acme.my.connect.aws/*", "https://oldco.awsapps.com/*",
                           "https://a-1.my.connect.aws/*"})
        EXPECT_TRUE(is_connect_host_pattern(ok)) << ok;
    for (const char* refused :
         {"https://*.my.connect.aws/*", "https://[*.]my.connect.aws/*", "https://my.connect.aws/*",
          "https://a.b.my.connect.aws/*", "https://acme.my.connect.aws/",
          "https://acme.my.connect.aws", "https://acme.my.connect.aws/ccp-v2",
          "https://acme.my.connect.aws:443/*", "http://acme.my.connect.aws/*",
          "https://ACME.my.connect.aws/*", "https://-acme.my.connect.aws/*",
          "https://acme.my.connect.aws.evil.net/*", "https://evil.net/acme.my.connect.aws/*",
          "<all_urls>", "*", ""})
        EXPECT_FALSE(is_connect_host_pattern(refused)) << refused;
}

TEST(ProtocolCookieRule, TheSecondaryPatternIsExactlyOneOrigin) {
    for (const char* ok : {"https://agents.example.com/*", "https://agents.example.com:8443/*",
                           "https://localhost/*", "https://a.b-c.example.co.uk:1/*"})
        EXPECT_TRUE(is_origin_pattern(ok)) << ok;
    for (const char* refused :
         {"https://*.example.com/*", "https://[*.]example.com/*", "https://agents.example.com/ccp",
          "https://agents.example.com", "https://agents.example.com:0/*",
          "https://agents.example.com:65536/*", "https://agents.example.com:08443/*",
          "https://agents.example.com:/*", "http://agents.example.com/*",
          "https://Agents.example.com/*", "https://agents..example.com/*", "https://.example.com/*",
          "https://user@agents.example.com/*", "<all_urls>", ""})
        EXPECT_FALSE(is_origin_pattern(refused)) << refused;
}

TEST(ProtocolCookieRule, EachActionHasItsOwnReasons) {
    EXPECT_TRUE(is_cookie_rule_reason(CookieRuleAction::kSet, "third-party-cookies-blocked"));
    EXPECT_FALSE(is_cookie_rule_reason(CookieRuleAction::kSet, "profile-removed"));
    for (const char* reason : {"profile-removed", "fix-disabled", "policy-overrides"})
        EXPECT_TRUE(is_cookie_rule_reason(CookieRuleAction::kClear, reason)) << reason;
    EXPECT_FALSE(is_cookie_rule_reason(CookieRuleAction::kClear, "third-party-cookies-blocked"));
}

TEST(ProtocolCookieRule, ConfiguredMeansTheProfilesConnectHostInOneOfItsReturnToOrigins) {
    const config::Config config = agents();
    EXPECT_TRUE(cookie_rule_is_configured(agents_rule(), config));

    CookieRule other = agents_rule();
    other.profile = "agents-eu";
    EXPECT_FALSE(cookie_rule_is_configured(other, config));
    other = agents_rule();
    other.primaryPattern = "https://other.my.connect.aws/*";
    EXPECT_FALSE(cookie_rule_is_configured(other, config));
    other = agents_rule();
    other.secondaryPattern = "https://agents.example.com:8443/*";
    EXPECT_FALSE(cookie_rule_is_configured(other, config));

    config::Config off = config;
    off.detection.fixThirdPartyCookies = false;
    EXPECT_FALSE(cookie_rule_is_configured(agents_rule(), off));
}

TEST(ProtocolCookieRule, EveryChangeIsRecordedInTheAuditTrail) {
    test::TempDir temp;
    test::DispatcherRig rig(temp.path() / "state");
    CookieRule withdrawn = agents_rule();
    withdrawn.action = CookieRuleAction::kClear;
    withdrawn.profile = "agents-eu";
    withdrawn.reason = "profile-removed";

    EXPECT_EQ(rig.handle(agents_rule(), json("c1")),
              json({{"type", "recorded"}, {"configured", true}, {"re", "c1"}}));
    EXPECT_EQ(rig.handle(withdrawn), json({{"type", "recorded"}, {"configured", false}}));

    ASSERT_EQ(rig.audit.size(), 2u);
    EXPECT_EQ(rig.audit[0], json::parse(R"({"event": "cookie-rule", "kind": "cookie-rule",
      "request": {"action": "set", "profile": "agents-us",
                  "primaryPattern": "https://acme.my.connect.aws/*",
                  "secondaryPattern": "https://agents.example.com/*",
                  "reason": "third-party-cookies-blocked"},
      "decision": "recorded", "reply": {"type": "recorded", "configured": true}})"));
    EXPECT_EQ(rig.audit[1]["request"]["action"], "clear");
    EXPECT_EQ(rig.audit[1]["request"]["reason"], "profile-removed");
    EXPECT_EQ(rig.audit[1]["reply"]["configured"], false);
}

}  // namespace
}  // namespace ccp_relogin::protocol
