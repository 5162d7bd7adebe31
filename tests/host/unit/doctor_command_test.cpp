// `doctor` end to end inside the process, with the network replaced by a
// substitute fetcher and time by a FakeClock: which requests it makes, how
// answers become lines, and the overall time budget.
#include "cli/doctor_command.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <map>
#include <optional>
#include <sstream>

#include "doctor_test_certificates.h"
#include "network/probe_network.h"
#include "support/temp_dir.h"

namespace ccp_relogin::cli {
namespace {

using ccp_relogin::testing::TempDir;

constexpr int64_t kNowS = 1'750'000'000;  // 2025-06-15T15:06:40Z
constexpr const char* kNowDate = "Sun, 15 Jun 2025 15:06:40 GMT";

constexpr const char* kConfig = R"({"profiles": [{
  "name": "agents-us",
  "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
               "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
  "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
            "appId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "launcher"}}]})";

// Points the state directory and the user's config dir into `dir` for one test.
class ScopedEnv {
  public:
    ScopedEnv(const std::map<std::string, std::string>& values) {
        for (const auto& [name, value] : values) {
            const char* old = ::getenv(name.c_str());
            saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
            ::setenv(name.c_str(), value.c_str(), 1);
        }
    }
    ~ScopedEnv() {
        for (const auto& [name, old] : saved_)
            old ? ::setenv(name.c_str(), old->c_str(), 1) : ::unsetenv(name.c_str());
    }

  private:
    std::map<std::string, std::optional<std::string>> saved_;
};

struct DoctorRun {
    int exit_code;
    std::string out;
    std::vector<std::string> requested;
};

class DoctorCommand : public ::testing::Test {
  protected:
    DoctorCommand()
        : env_({{"CCP_RELOGIN_STATE_DIR", (temp_ / "state").string()},
                {"XDG_CONFIG_HOME", (temp_ / "xdg").string()},
                {"https_proxy", ""},
                {"HTTPS_PROXY", ""},
                {"all_proxy", ""},
                {"ALL_PROXY", ""}}),
          clock_(kNowS * 1000) {
        temp_.write("config.json", kConfig);
    }

    // Runs doctor; `answer` plays the network.
    DoctorRun run(const std::function<network::HttpResult(const network::HttpRequest&)>& answer,
                  std::vector<std::string> extra = {}) {
        DoctorRun result{0, "", {}};
        DoctorContext context;
        context.resolve_sources = [&](std::optional<std::filesystem::path>) {
            config::ConfigSources sources;
            sources.explicit_file = temp_ / "config.json";
            return sources;
        };
        context.clock = &clock_;
        // The network part as ccp-relogin-network runs it, in this process.
        context.network = [&](const config::Config& config) {
            network::NetworkProbe probe;
            probe.clock = &clock_;
            probe.budget = budget_;
            probe.fetch = [&](const network::HttpRequest& request) {
                result.requested.push_back(request.url);
                EXPECT_LE(request.timeout, network::kRequestTimeout);
                return answer(request);
            };
            return network::probe_network(config, probe);
        };
        std::vector<std::string> args{"--browser", "chromium",        "--scope",
                                      "user",      "--user-data-dir", (temp_ / "udd").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        std::ostringstream out, err;
        result.exit_code = run_doctor(args, context, out, err);
        result.out = out.str();
        return result;
    }

    std::string metadata(int64_t not_after_s) const {
        return "<EntityDescriptor><IDPSSODescriptor><KeyDescriptor use=\"signing\"><KeyInfo>"
               "<X509Data><X509Certificate>" +
               ccp_relogin::testing::make_test_certificate_base64("idp", kNowS - 86400,
                                                                  not_after_s) +
               "</X509Certificate></X509Data></KeyInfo></KeyDescriptor></IDPSSODescriptor>"
               "</EntityDescriptor>";
    }

    TempDir temp_;
    ScopedEnv env_;
    base::FakeClock clock_;
    std::chrono::milliseconds budget_ = network::kNetworkBudget;
};

network::HttpResult answered(long status, const std::string& date, std::string body = "") {
    network::HttpResult r;
    r.http_status = status;
    r.date_header = date;
    r.local_ms_at_answer = kNowS * 1000;
    r.elapsed_ms = 42;
    r.body = std::move(body);
    return r;
}

TEST_F(DoctorCommand, TriesEveryEndpointThenTheMetadata) {
    const auto meta = metadata(kNowS + 365 * 86400);
    const auto r = run([&](const network::HttpRequest& request) {
        if (!request.head) return answered(200, kNowDate, meta);
        return answered(302, kNowDate);
    });
    EXPECT_EQ(r.requested,
              (std::vector<std::string>{
                  "https://launcher.myapps.microsoft.com/", "https://login.microsoftonline.com/",
                  "https://signin.aws.amazon.com/saml", "https://us-east-1.console.aws.amazon.com/",
                  "https://acme.my.connect.aws/",
                  "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/"
                  "federationmetadata/2007-06/federationmetadata.xml?appid="
                  "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}));
    EXPECT_NE(r.out.find("ok   network login.microsoftonline.com: Entra sign-in (agents-us): "
                         "reachable (HTTP 302 in 42 ms)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ok   clock: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ok   signing certificate agents-us: valid until 2026-06-15"),
              std::string::npos)
        << r.out;
}

TEST_F(DoctorCommand, AnExpiredCertificateAndAWrongClockFail) {
    const auto meta = metadata(kNowS - 86400 / 2);
    const auto r = run([&](const network::HttpRequest& request) {
        // The servers say it is ten minutes later than the local clock does.
        auto answer = answered(200, "Sun, 15 Jun 2025 15:16:40 GMT", request.head ? "" : meta);
        return answer;
    });
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("fail clock: the local clock is 10 min 0 s behind"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("fail signing certificate agents-us: expired on 2025-06-15"),
              std::string::npos)
        << r.out;
}

TEST_F(DoctorCommand, NetworkFailuresFailInWordsAndTheMetadataIsSkipped) {
    const auto r = run([](const network::HttpRequest&) {
        network::HttpResult failed;
        failed.error_code = CURLE_COULDNT_RESOLVE_HOST;
        failed.error_detail = "Could not resolve host";
        return failed;
    });
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("fail network acme.my.connect.aws: Amazon Connect instance (agents-us): "
                         "DNS: the name does not resolve"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("skip clock: "), std::string::npos);
    EXPECT_NE(r.out.find("skip signing certificate agents-us: the federation metadata could not "
                         "be fetched: DNS"),
              std::string::npos)
        << r.out;
}

TEST_F(DoctorCommand, TheWholeNetworkPartIsBounded) {
    // Every request takes its full timeout; a 12 s budget allows 5 s + 5 s + 2 s.
    budget_ = std::chrono::milliseconds(12000);
    std::vector<long> timeouts;
    const auto r = run([&](const network::HttpRequest& request) {
        timeouts.push_back(static_cast<long>(request.timeout.count()));
        clock_.advance(request.timeout.count());
        network::HttpResult failed;
        failed.error_code = CURLE_OPERATION_TIMEDOUT;
        return failed;
    });
    EXPECT_EQ(timeouts, (std::vector<long>{5000, 5000, 2000}));
    EXPECT_EQ(clock_.now_ms() - kNowS * 1000, 12000);
    EXPECT_NE(r.out.find("skip network us-east-1.console.aws.amazon.com: AWS console (relay state) "
                         "(agents-us): not tried, doctor's 12 s network budget is used up"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("skip signing certificate agents-us: not fetched"), std::string::npos);
}

TEST_F(DoctorCommand, OfflineMakesNoRequest) {
    const auto r =
        run([](const network::HttpRequest&) { return network::HttpResult{}; }, {"--offline"});
    EXPECT_TRUE(r.requested.empty());
    EXPECT_NE(r.out.find("skip network: --offline"), std::string::npos) << r.out;
}

TEST_F(DoctorCommand, AMetadataErrorStatusWarns) {
    const auto r = run([](const network::HttpRequest& request) {
        return answered(request.head ? 200 : 400, kNowDate);
    });
    EXPECT_NE(r.out.find("warn signing certificate agents-us: the federation metadata answered "
                         "HTTP 400"),
              std::string::npos)
        << r.out;
}

}  // namespace
}  // namespace ccp_relogin::cli
