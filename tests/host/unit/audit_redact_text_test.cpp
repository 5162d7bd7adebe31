// Free text in audit events (audit/redact.h): secrets inside longer strings,
// and prose that must come through as it was written.
#include <gtest/gtest.h>

#include <string>

#include "audit/redact.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

// One string value through redact(), as the audit log sees it.
std::string redacted(const std::string& text) {
    return redact(json{{"text", text}})["text"].get<std::string>();
}

TEST(AuditRedactText, ReplacesJwtsAnywhere) {
    EXPECT_EQ(redacted("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2ln_-x"),
              "Bearer [redacted]");
    EXPECT_EQ(redacted("id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2ln, then"),
              "id [redacted], then");
    // Unsigned ("alg": "none") tokens end in a dot; five segments are a JWE.
    EXPECT_EQ(redacted("(eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.)"), "([redacted])");
    EXPECT_EQ(redacted("eyJhbGci.eyJlbmMi.a.b.c"), "[redacted]");
    // Inside a URL's path, where the URL rules would keep it.
    EXPECT_EQ(redacted("https://acme.example.com/cb/eyJhbGci.eyJzdWIi.c2ln"),
              "https://acme.example.com/cb/[redacted]");
}

TEST(AuditRedactText, KeepsWhatOnlyLooksLikeAJwtStart) {
    for (const char* text : {"eyJustOneSegment", "eyJa.b", "keyJa.b.c is a name", "eyJ"})
        EXPECT_EQ(redacted(text), text);
}

TEST(AuditRedactText, ReplacesBearerCredentials) {
    EXPECT_EQ(redacted("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA"),
              "Authorization: Bearer [redacted]");
    EXPECT_EQ(redacted("sent bearer abc/DEF+ghi== and got 401"),
              "sent bearer [redacted] and got 401");
    EXPECT_EQ(redacted("header=Authorization:Bearer \"opaque-token\"."),
              "header=redacted \"[redacted]\".");
}

TEST(AuditRedactText, ReplacesKeyValueValues) {
    EXPECT_EQ(redacted("exchange failed: code=abc state=xyz"),
              "exchange failed: code=redacted state=redacted");
    EXPECT_EQ(redacted("body access_token=a1&token_type=Bearer&expires_in=3600"),
              "body access_token=redacted&token_type=redacted&expires_in=redacted");
    EXPECT_EQ(redacted("client_secret=s3 password=hunter2 SAMLResponse=PD94"),
              "client_secret=redacted password=redacted SAMLResponse=redacted");
    EXPECT_EQ(redacted("posted to /ccp-v2?code=abc&destination=%2Fccp-v2"),
              "posted to /ccp-v2?code=redacted&destination=%2Fccp-v2");
    EXPECT_EQ(redacted("callback#access_token=abc"), "callback#access_token=redacted");
}

// A quoted value is one value, spaces and all.
TEST(AuditRedactText, ReplacesQuotedValuesWhole) {
    EXPECT_EQ(redacted("login password=\"correct horse battery\" failed"),
              "login password=redacted failed");
    EXPECT_EQ(redacted("token='a b c'"), "token=redacted");
    EXPECT_EQ(redacted("token=\"never closed"), "token=redacted");
}

TEST(AuditRedactText, KeepsAllowlistedKeyValues) {
    EXPECT_EQ(redacted("destination=%2Fccp-v2 new_domain=true tenantId=t-1"),
              "destination=%2Fccp-v2 new_domain=true tenantId=t-1");
    // ...but not what hides inside them.
    EXPECT_EQ(redacted("destination=/ccp-v2?token=xyz"),
              "destination=%2Fccp-v2%3Ftoken%3Dredacted");
}

TEST(AuditRedactText, LeavesProseAlone) {
    for (const char* text :
         {"Session expired, signing in again (attempt 2 of 3).", "a <= b == c => d, x = y",
          "it's 5 o'clock: \"sign in\" <button>", "Token expired", "no cookie rule for this page",
          "ratio 1/2 ~ 50% & rising?", ""})
        EXPECT_EQ(redacted(text), text);
}

TEST(AuditRedactText, FiltersUrlsInsideText) {
    EXPECT_EQ(redacted("landed on https://acme.my.connect.aws/ccp-v2?code=abc#frag after 2 s"),
              "landed on https://acme.my.connect.aws/ccp-v2?code=redacted after 2 s");
    EXPECT_EQ(redacted("see \"https://user:pw@x.example.com/p?token=t&landat=%2Fccp\"."),
              "see \"https://x.example.com/p?token=redacted&landat=%2Fccp\".");
    EXPECT_EQ(
        redacted("url:HTTPS://Acme.Example.com/x?state=s <http://b.example.com/?code=1>"),
        "url:https://acme.example.com/x?state=redacted <http://b.example.com/?code=redacted>");
    EXPECT_EQ(redacted("two https://a.example.com/?code=1\nhttps://b.example.com/?code=2"),
              "two https://a.example.com/?code=redacted\nhttps://b.example.com/?code=redacted");
    EXPECT_EQ(redacted("at https://[::1]/?code=1 now"), "at [redacted: not a valid URL] now");
    // A query value that starts a quote is part of the URL, which then is not valid.
    EXPECT_EQ(redacted("go https://x.example.com/?a=\"b c\" now"),
              "go [redacted: not a valid URL] now");
}

// A whole-string URL with a space inside no longer hides what follows it.
TEST(AuditRedactText, FiltersWhatFollowsAUrlWithASpace) {
    EXPECT_EQ(redacted("https://example.com/a b?token=x"),
              "https://example.com/a b?token=redacted");
}

// Found by probing the redactor with the ways servers and tools write
// secrets into messages (each kept before this test came).
TEST(AuditRedactText, ReplacesBasicAndNegotiateCredentials) {
    EXPECT_EQ(redacted("Authorization: Basic dXNlcjpwYXNzd29yZA=="),
              "Authorization: Basic [redacted]");
    EXPECT_EQ(redacted("WWW-Authenticate: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF"),
              "WWW-Authenticate: Negotiate [redacted]");
}

TEST(AuditRedactText, ReplacesWhatASecretsLabelIntroduces) {
    EXPECT_EQ(redacted("password: hunter2 then more"), "password: [redacted] then more");
    EXPECT_EQ(redacted("x-amz-security-token:FQoGZXIvYXdzEJr"), "x-amz-security-token:[redacted]");
    EXPECT_EQ(redacted("Set-Cookie: lily-auth=abc; Path=/"),
              "Set-Cookie: [redacted] Path=redacted");
    EXPECT_EQ(redacted("reason: timeout at 10:30"), "reason: timeout at 10:30")
        << "not a secret's label";
    EXPECT_EQ(redacted("see https://a.example.com/token/x"), "see https://a.example.com/token/x");
}

TEST(AuditRedactText, ReplacesSecretsInJsonQuotedInText) {
    EXPECT_EQ(redacted(R"(body {"access_token":"abc123secret","expires":3600})"),
              R"(body {"access_token":"[redacted]","expires":3600})");
    EXPECT_EQ(redacted(R"({"refresh_token":"a\"b","id":1})"),
              R"({"refresh_token":"[redacted]","id":1})");
    EXPECT_EQ(redacted(R"({"clientSecret":42})"), R"({"clientSecret":[redacted]})");
    EXPECT_EQ(redacted(R"({"token": "abc"})"), R"({"token": [redacted])")
        << "a space after the colon";
    EXPECT_EQ(redacted(R"({"profile":"agents-us"})"), R"({"profile":"agents-us"})");
}

TEST(AuditRedactText, ReplacesParametersInAUrlsPath) {
    EXPECT_EQ(redacted("at https://acme.my.connect.aws/connect;jsessionid=ABC123/ccp-v2 now"),
              "at https://acme.my.connect.aws/connect;jsessionid=redacted/ccp-v2 now");
    EXPECT_EQ(redacted("https://a.example.com/p;v=1;s=2"),
              "https://a.example.com/p;v=redacted;s=redacted");
    EXPECT_EQ(redacted("https://a.example.com/p;flag/q"), "https://a.example.com/p;flag/q");
}

}  // namespace
}  // namespace ccp_relogin::audit
