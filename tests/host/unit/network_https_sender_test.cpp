// The libcurl sender without a network: the settings it applies (https only,
// verification on, no redirects, timeouts, JSON content type), and two
// requests that fail before any byte leaves the machine's loopback: a plain
// http URL (refused by libcurl's protocol list) and a closed local port.
#include <gtest/gtest.h>
#include <stdlib.h>  // setenv

#include <algorithm>

#include "network/https_sender.h"

namespace ccp_relogin::network {
namespace {

TEST(AuditForwardCurl, SettingsAreHttpsOnlyVerifiedNoRedirectsWithShortTimeouts) {
    const auto s = request_settings("https://siem.example.com/ingest", "1.2.3");
    EXPECT_EQ(s.url, "https://siem.example.com/ingest");
    EXPECT_EQ(s.allowedProtocols, "https");
    EXPECT_TRUE(s.verifyPeer);
    EXPECT_TRUE(s.verifyHost);
    EXPECT_FALSE(s.followRedirects);
    EXPECT_EQ(s.connectTimeoutMs, 3'000);
    EXPECT_EQ(s.totalTimeoutMs, 5'000);
    EXPECT_EQ(s.userAgent, "ccp-relogin/1.2.3");
    EXPECT_NE(std::find(s.headers.begin(), s.headers.end(), "Content-Type: application/json"),
              s.headers.end());
}

TEST(AuditForwardCurl, PinnedKeysBecomeLibcurlsPinList) {
    EXPECT_EQ(request_settings("https://siem.example.com/", "1").pinnedPublicKey, "") << "no pin";
    const std::string a = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    const std::string b = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";
    EXPECT_EQ(request_settings("https://siem.example.com/", "1",
                               {.pinnedKeys = {a, b}, .splunkToken = "", .caFile = ""})
                  .pinnedPublicKey,
              "sha256//" + a + ";sha256//" + b);
}

TEST(AuditForwardCurl, ASplunkTokenIsTheAuthorizationHeaderAndOnlyThen) {
    const auto has_authorization = [](const RequestSettings& s) {
        return std::ranges::any_of(
            s.headers, [](const std::string& h) { return h.starts_with("Authorization"); });
    };
    EXPECT_FALSE(has_authorization(request_settings("https://siem.example.com/", "1")));
    const auto s = request_settings(
        "https://splunk.example.com:8088/services/collector/event", "1",
        {.pinnedKeys = {}, .splunkToken = "6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a", .caFile = ""});
    EXPECT_NE(std::find(s.headers.begin(), s.headers.end(),
                        "Authorization: Splunk 6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a"),
              s.headers.end());
}

class AuditForwardCurlRequest : public ::testing::Test {
  protected:
    // A proxy from the environment would turn "connection refused" into
    // whatever the proxy answers; these requests are local by design.
    void SetUp() override { ::setenv("NO_PROXY", "*", 1); }
};

TEST_F(AuditForwardCurlRequest, PlainHttpIsRefusedByLibcurlItself) {
    HttpsSender sender("1.2.3");
    const auto outcome = sender.post_json("http://127.0.0.1:9/", "[]", [] { return false; });
    EXPECT_EQ(outcome.kind, audit::SendOutcome::Kind::kUnreachable);
    EXPECT_EQ(outcome.httpStatus, 0);
    EXPECT_NE(outcome.detail.find("protocol"), std::string::npos) << outcome.detail;
}

TEST_F(AuditForwardCurlRequest, AClosedPortIsUnreachableNotAnHttpStatus) {
    HttpsSender sender("1.2.3");
    // Port 1 on loopback: nothing listens there on a test machine.
    const auto outcome = sender.post_json("https://127.0.0.1:1/ingest", "[]", [] { return false; });
    EXPECT_EQ(outcome.kind, audit::SendOutcome::Kind::kUnreachable);
    EXPECT_EQ(outcome.httpStatus, 0);
    EXPECT_FALSE(outcome.detail.empty());
}

}  // namespace
}  // namespace ccp_relogin::network
