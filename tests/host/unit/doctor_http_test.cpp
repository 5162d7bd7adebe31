// The real libcurl fetch, kept on this machine: a closed local port and a
// refused scheme. (An answering TLS server is not stood up here; the answer
// handling is tested through doctor_command_test.cpp's substitute fetcher.)
#include "cli/doctor_http.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

namespace ccp_relogin::cli::doctor {
namespace {

TEST(DoctorHttp, AClosedPortIsAConnectFailure) {
    guard::FakeClock clock(1000);
    // Port 1 (tcpmux) is not served on a test machine: the kernel refuses at once.
    const auto r = fetch({"https://127.0.0.1:1/", true, 0, std::chrono::milliseconds(2000)}, clock);
    EXPECT_EQ(r.curl_code, CURLE_COULDNT_CONNECT) << r.curl_detail;
    EXPECT_FALSE(r.curl_detail.empty());
    EXPECT_EQ(describe_curl_error(r.curl_code).kind, NetworkFailure::kConnect);
    EXPECT_EQ(r.http_status, 0);
    EXPECT_FALSE(r.date_header);
}

TEST(DoctorHttp, OnlyHttpsIsSpoken) {
    guard::FakeClock clock(1000);
    const auto r = fetch({"http://127.0.0.1:1/", true, 0, std::chrono::milliseconds(2000)}, clock);
    EXPECT_EQ(r.curl_code, CURLE_UNSUPPORTED_PROTOCOL) << r.curl_detail;
}

}  // namespace
}  // namespace ccp_relogin::cli::doctor
