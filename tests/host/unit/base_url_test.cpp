#include <gtest/gtest.h>

#include <string>

#include "base/url.h"

namespace {

namespace base = ccp_relogin::base;

TEST(FederationUrlEncode, EncodesAllButUnreserved) {
    EXPECT_EQ(base::percent_encode("/ccp-v2"), "%2Fccp-v2");
    EXPECT_EQ(base::percent_encode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(base::percent_encode("a b+c&d=e?f#g%h"), "a%20b%2Bc%26d%3De%3Ff%23g%25h");
    EXPECT_EQ(base::percent_encode("%2F"), "%252F");
    EXPECT_EQ(base::percent_encode(""), "");
    EXPECT_EQ(base::percent_encode("\xc3\xa9"), "%C3%A9");
}

TEST(FederationUrlDecode, DecodesPercentOnly) {
    EXPECT_EQ(base::percent_decode("%2Fccp-v2"), "/ccp-v2");
    EXPECT_EQ(base::percent_decode("%252F"), "%2F");
    EXPECT_EQ(base::percent_decode("a+b"), "a+b");
    EXPECT_EQ(base::percent_decode(""), "");
    EXPECT_EQ(base::percent_decode("a%00b"), std::nullopt);
    EXPECT_EQ(base::percent_decode("%zz%4%"), "%zz%4%");  // invalid escapes stay
    EXPECT_EQ(base::percent_decode("%e9%C3%A9"), "\xe9\xc3\xa9");
}

TEST(FederationUrlDecode, RoundTripsEveryByte) {
    std::string all;
    for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
    EXPECT_EQ(base::percent_decode(base::percent_encode(all)), all);
}

TEST(FederationUrlParse, SplitsParts) {
    const auto url = base::parse_url("HTTPS://Agents.Example.COM:8443/ccp/x?a=1#frag");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->scheme, "https");
    EXPECT_EQ(url->host, "agents.example.com");
    EXPECT_EQ(url->port, "8443");
    EXPECT_EQ(url->path, "/ccp/x");
    EXPECT_EQ(url->query, "a=1");
    EXPECT_EQ(url->fragment, "frag");
    EXPECT_FALSE(url->has_userinfo);
    EXPECT_FALSE(base::is_plain_https(*url));
}

TEST(FederationUrlParse, DefaultPortAndEmptyPath) {
    const auto url = base::parse_url("https://acme.my.connect.aws:443");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->port, "");
    EXPECT_EQ(url->path, "/");
    EXPECT_TRUE(base::is_plain_https(*url));
}

// Chrome resolves dot segments before it sends a URL; one that still has
// them did not come from the browser, and is read by nobody the same way.
TEST(FederationUrlParse, RefusesDotSegments) {
    for (const char* s : {"https://a.example.com/ccp/../admin", "https://a.example.com/./x",
                          "https://a.example.com/ccp/..", "https://a.example.com/ccp/%2e%2E/admin",
                          "https://a.example.com/ccp/.%2e/admin", "https://a.example.com/%2e/x"}) {
        SCOPED_TRACE(s);
        EXPECT_EQ(base::parse_url(s), std::nullopt);
    }
    const auto dots_inside = base::parse_url("https://a.example.com/a..b/.well-known/x.y");
    ASSERT_TRUE(dots_inside);
    EXPECT_EQ(dots_inside->path, "/a..b/.well-known/x.y");
}

// What Chrome sends, in the form it sends it: taken apart, never rewritten.
TEST(FederationUrlParse, KeepsCanonicalPartsAsSent) {
    const auto url = base::parse_url(
        "https://acme.my.connect.aws/ccp-v2/softphone?destination=%2Fccp-v2%3Fa%3D1&x=%7B%7D#/"
        "chat");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path, "/ccp-v2/softphone");
    EXPECT_EQ(url->query, "destination=%2Fccp-v2%3Fa%3D1&x=%7B%7D");
    EXPECT_EQ(url->fragment, "/chat");
    const auto ipv4 = base::parse_url("https://10.0.0.7:8443/");
    ASSERT_TRUE(ipv4);
    EXPECT_EQ(ipv4->host, "10.0.0.7");
    EXPECT_EQ(ipv4->port, "8443");
    const auto no_path = base::parse_url("https://acme.my.connect.aws?x=1");
    ASSERT_TRUE(no_path);
    EXPECT_EQ(no_path->path, "/");
    EXPECT_EQ(no_path->query, "x=1");
}

// Spellings Chrome would have rewritten (and so never sends): refused rather
// than guessed at.
TEST(FederationUrlParse, RefusesWhatABrowserWouldRewrite) {
    for (const char* s : {"https://acme.my.connect.aws/caf\xc3\xa9",
                          "https://xn--caf-dma.example.com/\xc3\xa9",
                          "https://0x7f.0.0.1/",
                          "https://127.1/",
                          "https://010.0.0.1/",
                          "https://1.2.3.256/",
                          "https://1.2.3.4./",
                          "https://a..example.com/",
                          "https://a%2eexample.com/",
                          "https://a.example.com:99999/",
                          "https://a.example.com:/",
                          "https://a.example.com:8a/",
                          "https://[::1]:8443/x",
                          "https://a.example.com:0443/",
                          "https://@a.example.com/",
                          "https://a.example.com/<x>",
                          "https://a.example.com/x?\"q\"",
                          "https:/a.example.com/",
                          "https:a.example.com",
                          "1https://a.example.com/",
                          "https://[::1/",
                          "https://[zz]/",
                          "https:///x"}) {
        SCOPED_TRACE(s);
        EXPECT_EQ(base::parse_url(s), std::nullopt);
    }
}

TEST(FederationUrlSerialize, DropsUserInfoAndFragment) {
    const auto url = base::parse_url("https://u:p@Acme.example.com:8443/p/q?a=1#frag");
    ASSERT_TRUE(url);
    EXPECT_EQ(base::serialize_without_userinfo(*url, "b=2"),
              "https://acme.example.com:8443/p/q?b=2");
    EXPECT_EQ(base::serialize_without_userinfo(*url, ""), "https://acme.example.com:8443/p/q");
}

TEST(FederationUrlParse, SeesUserInfo) {
    for (const char* s : {"https://acme.my.connect.aws@evil.com/", "https://u:p@evil.com/",
                          "https://:p@evil.com/"}) {
        SCOPED_TRACE(s);
        const auto url = base::parse_url(s);
        ASSERT_TRUE(url);
        EXPECT_TRUE(url->has_userinfo);
        EXPECT_FALSE(base::is_plain_https(*url));
    }
}

TEST(FederationUrlParse, RefusesGarbage) {
    const std::string huge = "https://a.example.com/" + std::string(9000, 'a');
    for (const std::string& s :
         {std::string(""), std::string("not a url"), std::string("acme.my.connect.aws/ccp-v2"),
          std::string("https://a.example.com/a b"), std::string("https://a.example.com/\t"),
          std::string("https://evil.com\\@acme.my.connect.aws/"),
          std::string("https://a.example.com/\x01"), std::string("https://a.example.com/\0x", 24),
          std::string("javascript:alert(1)"), huge}) {
        SCOPED_TRACE(s.substr(0, 60));
        EXPECT_EQ(base::parse_url(s), std::nullopt);
    }
}

TEST(FederationUrlQuery, FindsDecodedParameter) {
    const std::string q = "x=1&destination=%2Fccp-v2%3Fa%3D1&new_domain=true&empty";
    EXPECT_EQ(base::query_parameter(q, "destination"), "/ccp-v2?a=1");
    EXPECT_EQ(base::query_parameter(q, "new_domain"), "true");
    EXPECT_EQ(base::query_parameter(q, "empty"), "");
    EXPECT_EQ(base::query_parameter(q, "dest"), std::nullopt);
    EXPECT_EQ(base::query_parameter("", "x"), std::nullopt);
}

TEST(FederationUrlPath, WithinAtSegmentBoundary) {
    struct Case {
        const char* path;
        const char* prefix;
        bool within;
    };
    const Case cases[] = {
        {"/ccp", "/ccp", true},
        {"/ccp/", "/ccp", true},
        {"/ccp/x/y", "/ccp", true},
        {"/ccpx", "/ccp", false},
        {"/cc", "/ccp", false},
        {"/anything", "/", true},
        {"/anything", "", true},
        {"/ccp/x", "/ccp/", true},
        {"/ccp", "/ccp/", false},
        {"/ccp/%2e%2e/admin", "/ccp", false},
        {"/ccp/%2E%2E/admin", "/ccp", false},
        {"/CCP", "/ccp", false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.path) + " in " + c.prefix);
        EXPECT_EQ(base::path_is_within(c.path, c.prefix), c.within);
    }
}

}  // namespace
