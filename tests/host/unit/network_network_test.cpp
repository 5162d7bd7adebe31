// doctor's connectivity checks: which URLs, and what an outcome means.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include "network/check_network.h"

namespace ccp_relogin::network {
namespace {

using doctor::CheckResult;
using doctor::Status;

config::Profile profile(const std::string& name, config::Partition partition,
                        config::Launcher launcher, const std::string& app) {
    config::Profile p;
    p.name = name;
    p.instance = {"178c75e4-b3de-4839-a6aa-e321ab3f3770", "acme", "us-east-1", partition,
                  config::ConnectDomain::kMyConnectAws};
    p.entra = {"11111111-2222-3333-4444-555555555555", app, launcher};
    return p;
}

std::vector<std::string> urls(const std::vector<Endpoint>& endpoints) {
    std::vector<std::string> list;
    for (const auto& e : endpoints) list.push_back(e.url);
    return list;
}

TEST(DoctorNetwork, EndpointsOfOneProfileInTheOrderOfASignIn) {
    config::Config config;
    config.profiles = {
        profile("agents-us", config::Partition::kAws, config::Launcher::kLauncher, "a")};
    const auto endpoints = endpoints_for(config);
    EXPECT_EQ(urls(endpoints), (std::vector<std::string>{
                                   "https://launcher.myapps.microsoft.com/",
                                   "https://login.microsoftonline.com/",
                                   "https://signin.aws.amazon.com/saml",
                                   "https://us-east-1.console.aws.amazon.com/",
                                   "https://acme.my.connect.aws/",
                               }));
    EXPECT_EQ(endpoints[0].host, "launcher.myapps.microsoft.com");
    EXPECT_EQ(endpoints[2].purpose, "AWS SAML sign-in (agents-us)");
}

TEST(DoctorNetwork, SharedEndpointsAreTriedOnceAndNameEveryProfile) {
    config::Config config;
    config.profiles = {
        profile("agents-us", config::Partition::kAws, config::Launcher::kLauncher, "a"),
        profile("admins-us", config::Partition::kAws, config::Launcher::kMyApps, "b")};
    const auto endpoints = endpoints_for(config);
    EXPECT_EQ(endpoints.size(), 6u);  // + myapps.microsoft.com
    EXPECT_EQ(endpoints[1].purpose, "Entra sign-in (agents-us, admins-us)");
    EXPECT_EQ(endpoints.back().url, "https://myapps.microsoft.com/");
}

TEST(DoctorNetwork, GovCloudUsesItsOwnSignInAndConsole) {
    config::Config config;
    config.profiles = {
        profile("gov", config::Partition::kAwsUsGov, config::Launcher::kLauncher, "a")};
    const auto list = urls(endpoints_for(config));
    EXPECT_NE(std::find(list.begin(), list.end(), "https://signin.amazonaws-us-gov.com/saml"),
              list.end());
    EXPECT_NE(std::find(list.begin(), list.end(), "https://console.amazonaws-us-gov.com/"),
              list.end());
}

const Endpoint kEndpoint{"https://login.microsoftonline.com/", "login.microsoftonline.com",
                         "Entra sign-in (agents-us)"};

TEST(DoctorNetwork, AnyHttpAnswerIsReachable) {
    HttpResult answer;
    answer.http_status = 302;
    answer.elapsed_ms = 87;
    const auto r = evaluate_endpoint(kEndpoint, answer, false);
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_EQ(r.name, "network login.microsoftonline.com");
    EXPECT_EQ(r.summary, "Entra sign-in (agents-us): reachable (HTTP 302 in 87 ms)");
    answer.http_status = 503;
    EXPECT_EQ(evaluate_endpoint(kEndpoint, answer, false).status, Status::kWarn);
}

TEST(DoctorNetwork, TransportErrorsFailInTheirOwnWords) {
    HttpResult dns;
    dns.error_code = CURLE_COULDNT_RESOLVE_HOST;
    dns.error_detail = "Could not resolve host: login.microsoftonline.com";
    const auto r = evaluate_endpoint(kEndpoint, dns, true);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("DNS"), std::string::npos);
    EXPECT_NE(r.summary.find("through the proxy"), std::string::npos);
    EXPECT_NE(r.fix.find("https_proxy"), std::string::npos);
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_EQ(r.details[0], "libcurl: Could not resolve host: login.microsoftonline.com");
}

TEST(DoctorNetwork, CurlErrorsAreToldApart) {
    EXPECT_EQ(describe_error(CURLE_COULDNT_RESOLVE_HOST).kind, NetworkFailure::kDns);
    EXPECT_EQ(describe_error(CURLE_COULDNT_RESOLVE_PROXY).kind, NetworkFailure::kProxy);
    EXPECT_EQ(describe_error(CURLE_COULDNT_CONNECT).kind, NetworkFailure::kConnect);
    EXPECT_EQ(describe_error(CURLE_OPERATION_TIMEDOUT).kind, NetworkFailure::kTimeout);
    EXPECT_EQ(describe_error(CURLE_SSL_CONNECT_ERROR).kind, NetworkFailure::kTls);
    EXPECT_EQ(describe_error(CURLE_PEER_FAILED_VERIFICATION).kind, NetworkFailure::kTls);
    EXPECT_NE(describe_error(CURLE_PEER_FAILED_VERIFICATION).fix.find("CA certificate"),
              std::string::npos);
    EXPECT_EQ(describe_error(CURLE_WRITE_ERROR).kind, NetworkFailure::kTooLarge);
    const auto other = describe_error(CURLE_TOO_MANY_REDIRECTS);
    EXPECT_EQ(other.kind, NetworkFailure::kOther);
    EXPECT_NE(other.what.find("network error: "), std::string::npos);
}

TEST(DoctorNetwork, SkippedEndpointsSayWhy) {
    const auto r = skipped_endpoint(kEndpoint, "doctor's 30 s network budget is used up");
    EXPECT_EQ(r.status, Status::kSkip);
    EXPECT_NE(r.summary.find("budget"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::network
