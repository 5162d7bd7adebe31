// The real libcurl fetch, on this machine: a closed local port and a refused
// scheme, then a local TLS server (support/https_test_server.h) standing in
// for login.microsoftonline.com through FetchOptions{connect_to, ca_file}, so
// status, Date, HEAD, redirects, timeouts and certificate checks go through
// libcurl and OpenSSL exactly as in production. Nothing leaves 127.0.0.1.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>
#include <vector>

#include "network/probe_http.h"
#include "support/https_test_server.h"
#include "support/temp_dir.h"

namespace ccp_relogin::network {
namespace {

using ccp_relogin::testing::CannedAnswer;
using ccp_relogin::testing::HttpsTestServer;
using ccp_relogin::testing::TempDir;
using namespace std::chrono_literals;

TEST(DoctorHttp, AClosedPortIsAConnectFailure) {
    base::FakeClock clock(1000);
    // Port 1 (tcpmux) is not served on a test machine: the kernel refuses at once.
    const auto r = fetch({"https://127.0.0.1:1/", true, 0, std::chrono::milliseconds(2000)}, clock);
    EXPECT_EQ(r.error_code, CURLE_COULDNT_CONNECT) << r.error_detail;
    EXPECT_FALSE(r.error_detail.empty());
    EXPECT_EQ(describe_error(r.error_code).kind, NetworkFailure::kConnect);
    EXPECT_EQ(r.http_status, 0);
    EXPECT_FALSE(r.date_header);
}

TEST(DoctorHttp, OnlyHttpsIsSpoken) {
    base::FakeClock clock(1000);
    const auto r = fetch({"http://127.0.0.1:1/", true, 0, std::chrono::milliseconds(2000)}, clock);
    EXPECT_EQ(r.error_code, CURLE_UNSUPPORTED_PROTOCOL) << r.error_detail;
}

constexpr const char* kHost = "login.microsoftonline.com";
constexpr const char* kUrl = "https://login.microsoftonline.com/";
constexpr const char* kDate = "Sun, 15 Jun 2025 15:06:40 GMT";

// The proxy variables are cleared for each test: through a proxy, connect_to
// would not apply and the request would leave the machine.
class DoctorHttpsServer : public ::testing::Test {
  protected:
    DoctorHttpsServer() {
        for (const char* name : {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
            const char* value = ::getenv(name);
            saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
            ::unsetenv(name);
        }
    }
    ~DoctorHttpsServer() override {
        for (const auto& [name, value] : saved_)
            if (value) ::setenv(name.c_str(), value->c_str(), 1);
    }

    static CannedAnswer ok_with_date(std::string body = "") {
        CannedAnswer answer;
        answer.headers = {{"Date", kDate}, {"Content-Type", "text/plain"}};
        answer.body = std::move(body);
        return answer;
    }

    static FetchOptions trusting(const HttpsTestServer& server) {
        return {server.connect_to(), server.ca_file().string()};
    }

    TempDir temp_;
    base::FakeClock clock_{1'750'000'000'000};

  private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_F(DoctorHttpsServer, AHeadRequestGivesTheStatusAndTheDate) {
    HttpsTestServer server(temp_, kHost, ok_with_date("not sent to a HEAD"));
    const auto r = fetch({kUrl, true, 0, 5000ms}, clock_, trusting(server));
    ASSERT_EQ(r.error_code, CURLE_OK) << r.error_detail;
    EXPECT_EQ(r.http_status, 200);
    ASSERT_TRUE(r.date_header);
    EXPECT_EQ(*r.date_header, kDate);
    EXPECT_EQ(r.body, "");
    EXPECT_EQ(r.local_ms_at_answer, 1'750'000'000'000);  // read from the given clock
    EXPECT_EQ(server.request_lines(), (std::vector<std::string>{"HEAD / HTTP/1.1"}));
}

TEST_F(DoctorHttpsServer, AGetKeepsTheBody) {
    HttpsTestServer server(temp_, kHost, ok_with_date("<EntityDescriptor/>"));
    const auto r =
        fetch({kUrl + std::string("metadata.xml"), false, 1024, 5000ms}, clock_, trusting(server));
    ASSERT_EQ(r.error_code, CURLE_OK) << r.error_detail;
    EXPECT_EQ(r.http_status, 200);
    EXPECT_EQ(r.body, "<EntityDescriptor/>");
    EXPECT_FALSE(r.body_too_large);
    EXPECT_EQ(server.request_lines(), (std::vector<std::string>{"GET /metadata.xml HTTP/1.1"}));
}

TEST_F(DoctorHttpsServer, ABodyOverTheLimitEndsTheTransfer) {
    HttpsTestServer server(temp_, kHost, ok_with_date(std::string(4096, 'x')));
    const auto r = fetch({kUrl, false, 1000, 5000ms}, clock_, trusting(server));
    EXPECT_EQ(r.error_code, CURLE_WRITE_ERROR) << r.error_detail;
    EXPECT_TRUE(r.body_too_large);
    EXPECT_EQ(r.body, "");
    EXPECT_EQ(describe_error(r.error_code).kind, NetworkFailure::kTooLarge);
}

TEST_F(DoctorHttpsServer, ARedirectIsReportedNotFollowed) {
    CannedAnswer redirect;
    redirect.status = 302;
    redirect.reason = "Found";
    redirect.headers = {{"Date", kDate}, {"Location", "https://login.microsoftonline.com/next"}};
    HttpsTestServer server(temp_, kHost, redirect);
    const auto r = fetch({kUrl, true, 0, 5000ms}, clock_, trusting(server));
    ASSERT_EQ(r.error_code, CURLE_OK) << r.error_detail;
    EXPECT_EQ(r.http_status, 302);
    EXPECT_EQ(r.date_header, std::optional<std::string>(kDate));
    EXPECT_EQ(server.request_lines(), (std::vector<std::string>{"HEAD / HTTP/1.1"}));
}

TEST_F(DoctorHttpsServer, AServerThatNeverAnswersTimesOutInTime) {
    CannedAnswer stall;
    stall.stall = true;
    HttpsTestServer server(temp_, kHost, stall);
    // The real clock: this measures how long libcurl really waited.
    const auto r = fetch({kUrl, true, 0, 300ms}, base::system_clock(), trusting(server));
    EXPECT_EQ(r.error_code, CURLE_OPERATION_TIMEDOUT) << r.error_detail;
    EXPECT_EQ(describe_error(r.error_code).kind, NetworkFailure::kTimeout);
    EXPECT_GE(r.elapsed_ms, 250);
    EXPECT_LT(r.elapsed_ms, 2300) << "the 300 ms timeout was not honoured";
    EXPECT_EQ(server.request_lines(), (std::vector<std::string>{"HEAD / HTTP/1.1"}));
}

TEST_F(DoctorHttpsServer, ACertificateNotTrustedIsATlsFailure) {
    HttpsTestServer server(temp_, kHost, ok_with_date());
    // Trust another server's certificate for the same name: a TLS-inspecting
    // proxy looks like this to libcurl.
    HttpsTestServer other(temp_, kHost, ok_with_date());
    FetchOptions options{server.connect_to(), other.ca_file().string()};
    const auto r = fetch({kUrl, true, 0, 5000ms}, clock_, options);
    EXPECT_EQ(r.error_code, CURLE_PEER_FAILED_VERIFICATION) << r.error_detail;
    EXPECT_EQ(describe_error(r.error_code).kind, NetworkFailure::kTls);
    EXPECT_EQ(r.http_status, 0);
    EXPECT_TRUE(server.request_lines().empty());
}

TEST_F(DoctorHttpsServer, ACertificateForAnotherNameIsATlsFailure) {
    HttpsTestServer server(temp_, kHost, ok_with_date());
    // The trusted certificate names login.microsoftonline.com, not this host.
    FetchOptions options{"signin.aws.amazon.com:443:127.0.0.1:" + std::to_string(server.port()),
                         server.ca_file().string()};
    const auto r = fetch({"https://signin.aws.amazon.com/saml", true, 0, 5000ms}, clock_, options);
    EXPECT_EQ(r.error_code, CURLE_PEER_FAILED_VERIFICATION) << r.error_detail;
    EXPECT_TRUE(server.request_lines().empty());
}

}  // namespace
}  // namespace ccp_relogin::network
