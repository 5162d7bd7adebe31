// What redact() lets through to the audit log, and what it never does.
#include <gtest/gtest.h>

#include "audit/redact.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

TEST(AuditRedact, DropsSecretKeysAtAnyDepth) {
    const json event = {{"type", "failed"},
                        {"SAMLResponse", "PHNhbWxwOlJlc3BvbnNl"},
                        {"detail", {{"samlRequest", "x"}, {"accessToken", "t"}, {"keep", 1}}},
                        {"list", {{{"Cookie", "a=b"}, {"n", 2}}}},
                        {"password", "p"},
                        {"clientSecret", "s"},
                        {"Authorization", "Bearer x"}};
    const auto out = redact(event);
    EXPECT_EQ(out, json({{"type", "failed"}, {"detail", {{"keep", 1}}}, {"list", {{{"n", 2}}}}}))
        << out.dump();
}

TEST(AuditRedact, RedactsSamlDocumentsWhateverTheKey) {
    const json event = {{"evidence", "<samlp:Response ID=\"x\">…"},
                        {"blob", "xxPHNhbWxwOlJlc3BvbnNlIHhtbG5z"},
                        {"xml", "PD94bWwgdmVyc2lvbj0iMS4wIj8+"},
                        {"text", "Session expired"}};
    const auto out = redact(event);
    EXPECT_EQ(out["evidence"], "[redacted]");
    EXPECT_EQ(out["blob"], "[redacted]");
    EXPECT_EQ(out["xml"], "[redacted]");
    EXPECT_EQ(out["text"], "Session expired");
}

TEST(AuditRedact, UrlsKeepOnlyAllowlistedQueryParameters) {
    EXPECT_EQ(redact_url("https://acme.my.connect.aws/ccp-v2?code=abc&state=s#frag"),
              "https://acme.my.connect.aws/ccp-v2?code=redacted&state=redacted");
    EXPECT_EQ(redact_url("https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t&"
                         "RelayState=https%3A%2F%2Fx&SAMLRequest=zz"),
              "https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t&"
              "RelayState=https%3A%2F%2Fx&SAMLRequest=redacted");
    EXPECT_EQ(redact_url("https://user:pw@example.com:8443/p"), "https://example.com:8443/p");
    EXPECT_EQ(redact_url("HTTP://example.com/a?destination=%2Fccp-v2&new_domain=true"),
              "http://example.com/a?destination=%2Fccp-v2&new_domain=true");
    EXPECT_EQ(redact_url("not a url"), "not a url");
    EXPECT_EQ(redact_url("https://"), "[redacted: not a valid URL]");
    EXPECT_EQ(redact_url("https://example.com/a b?token=x"), "[redacted: not a valid URL]");
}

TEST(AuditRedact, UrlValuesInEventsAreFiltered) {
    const auto out = redact({{"url", "https://acme.my.connect.aws/login?token=x"}});
    EXPECT_EQ(out["url"], "https://acme.my.connect.aws/login?token=redacted");
}

// A cookie-rule line (protocol/cookie_rule.h) must show the exact patterns.
TEST(AuditRedact, KeepsContentSettingPatterns) {
    const json event = {{"event", "cookie-rule"},
                        {"request",
                         {{"primaryPattern", "https://acme.my.connect.aws/*"},
                          {"secondaryPattern", "https://agents.example.com:8443/*"}}}};
    EXPECT_EQ(redact(event), event) << redact(event).dump();
}

TEST(AuditRedact, LimitsSizes) {
    const auto out =
        redact({{"long", std::string(2000, 'a')}, {"many", json(std::vector<int>(100, 1))}});
    const auto& text = out["long"].get_ref<const std::string&>();
    EXPECT_LT(text.size(), 600u);
    EXPECT_EQ(text.rfind(std::string(kMaxStringLength, 'a'), 0), 0u);
    EXPECT_EQ(out["many"].size(), kMaxArrayItems + 1);
    EXPECT_EQ(out["many"].back(), "[68 more]");
}

TEST(AuditRedact, TruncationKeepsUtf8Whole) {
    std::string text;
    for (int i = 0; i < 400; ++i) text += "é";  // 2 bytes each
    const auto out = redact({{"t", text}});
    // dump() throws on invalid UTF-8: it must not.
    EXPECT_NO_THROW(out.dump());
}

TEST(AuditRedact, LimitsDepth) {
    json deep = "bottom";
    for (int i = 0; i < 20; ++i) deep = json{{"d", deep}};
    const auto out = redact(deep);
    EXPECT_EQ(out.dump().find("bottom"), std::string::npos);
    EXPECT_NE(out.dump().find("nested too deep"), std::string::npos);
}

TEST(AuditRedact, LeavesOrdinaryValuesAlone) {
    const json event = {{"type", "relogin"}, {"attempt", 2}, {"ok", true}, {"none", nullptr}};
    EXPECT_EQ(redact(event), event);
}

}  // namespace
}  // namespace ccp_relogin::audit
