// What redact() lets through to the audit log, and what it never does.
#include <gtest/gtest.h>

#include "audit/redact.h"
#include "base/url.h"

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
    // A relay state is a URL of its own, which must parse (see
    // FiltersTheQueryInsideAllowlistedValues); kept as written when clean.
    EXPECT_EQ(redact_url("https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t&"
                         "RelayState=https%3A%2F%2Fx.example.com&SAMLRequest=zz"),
              "https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t&"
              "RelayState=https%3A%2F%2Fx.example.com&SAMLRequest=redacted");
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

// The relay state the product itself builds (federation/relay_state.h) is
// configuration: it must reach the log exactly as sent.
TEST(AuditRedact, KeepsTheProductsRelayStateByteForByte) {
    const std::string relay_state =
        "RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F"
        "178c75e4-b3de-4839-a6aa-e321ab3f3770%3Fdestination%3D%252Fccp-v2%26new_domain%3Dtrue";
    const std::string url =
        "https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t&" + relay_state;
    EXPECT_EQ(redact_url(url), url);
    EXPECT_EQ(redact(json{{"u", url}})["u"], url);
    EXPECT_EQ(redact(json{{"t", "sent " + relay_state}})["t"], "sent " + relay_state);
}

TEST(AuditRedact, FiltersTheQueryInsideAllowlistedValues) {
    EXPECT_EQ(redact_url("https://idp.example.com/sso?RelayState=https%3A%2F%2Facme.example.com%2F"
                         "cb%3Fcode%3Dabc%26destination%3D%252Fccp-v2"),
              "https://idp.example.com/sso?RelayState=https%3A%2F%2Facme.example.com%2F"
              "cb%3Fcode%3Dredacted%26destination%3D%252Fccp-v2");
    EXPECT_EQ(redact_url("https://acme.example.com/x?destination=%2Fccp-v2%3Ftoken%3Dxyz"),
              "https://acme.example.com/x?destination=%2Fccp-v2%3Ftoken%3Dredacted");
    // key=value data without a "?" is a query too.
    EXPECT_EQ(redact_url("https://acme.example.com/x?landat=token%3Dxyz"),
              "https://acme.example.com/x?landat=token%3Dredacted");
    // A nested URL loses its user info and fragment like any other.
    EXPECT_EQ(redact_url("https://a.example.com/?RelayState=https%3A%2F%2Fu%3Ap%40b.example.com"
                         "%2F%23access_token%3Dt"),
              "https://a.example.com/?RelayState=https%3A%2F%2Fb.example.com%2F");
    // One that base::parse_url refuses is not looked into: it goes.
    EXPECT_EQ(redact_url("https://a.example.com/?RelayState=https%3A%2F%2F%5B%3A%3A1%5D%2F"),
              "https://a.example.com/?RelayState=redacted");
}

// Escaped twice, a query would pass for a plain value after one decoding.
TEST(AuditRedact, RedactsQueriesEscapedMoreThanOnce) {
    EXPECT_EQ(redact_url("https://a.example.com/?destination=%252Fccp%253Ftoken%253Dx"),
              "https://a.example.com/?destination=redacted");
    EXPECT_EQ(redact_url("https://a.example.com/?destination=%252Fccp-v2"),
              "https://a.example.com/?destination=%252Fccp-v2");
}

std::string nest(std::string url, int times) {
    for (int i = 0; i < times; ++i)
        url = "https://a.example.com/?RelayState=" + base::percent_encode(url);
    return url;
}

TEST(AuditRedact, LimitsNestedQueries) {
    EXPECT_EQ(redact_url(nest("https://b.example.com/?code=1", kMaxNestedQueries)),
              nest("https://b.example.com/?code=redacted", kMaxNestedQueries));
    // One level more is not looked into: the value that would need it goes.
    EXPECT_EQ(redact_url(nest("https://b.example.com/?code=1", kMaxNestedQueries + 1)),
              nest("https://a.example.com/?RelayState=redacted", kMaxNestedQueries));
}

TEST(AuditRedact, UrlsWithLeadingWhitespaceAreFiltered) {
    EXPECT_EQ(redact_url(" https://x.example.com/?code=1"),
              " https://x.example.com/?code=redacted");
    EXPECT_EQ(redact_url("\t\r\n https://x.example.com/?code=1 "),
              "\t\r\n https://x.example.com/?code=redacted ");
    EXPECT_EQ(redact_url(" https://[::1]/?code=1"), " [redacted: not a valid URL]");
    EXPECT_EQ(redact(json{{"u", " https://x.example.com/?code=1"}})["u"],
              " https://x.example.com/?code=redacted");
}

TEST(AuditRedact, FreeTextValuesInEventsAreFiltered) {
    const auto out = redact({{"reason", "token exchange failed: access_token=abc"},
                             {"list", {"Bearer abc.def", "see https://x.example.com/?code=1"}}});
    EXPECT_EQ(out["reason"], "token exchange failed: access_token=redacted");
    EXPECT_EQ(out["list"], json({"Bearer [redacted]", "see https://x.example.com/?code=redacted"}));
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
