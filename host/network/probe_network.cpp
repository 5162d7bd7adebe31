#include "network/probe_network.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "network/check_certificate.h"
#include "network/check_clock.h"
#include "network/check_network.h"
#include "network/federation_metadata.h"

namespace ccp_relogin::network {
namespace {

// A request with less time than this left is not started.
constexpr std::chrono::milliseconds kShortestRequest{500};

// The requests share one time budget and collect the servers' clocks.
class BudgetedRequests {
  public:
    explicit BudgetedRequests(const NetworkProbe& probe)
        : probe_(probe),
          deadline_ms_(probe.clock->now_ms() + probe.budget.count()),
          via_proxy_(https_proxy_configured()) {}

    // nullopt (with `why` set) when the budget is used up.
    std::optional<HttpResult> request(HttpRequest request, std::string& why) {
        const int64_t left = deadline_ms_ - probe_.clock->now_ms();
        if (left < kShortestRequest.count()) {
            why = "doctor's " + std::to_string(probe_.budget.count() / 1000) +
                  " s network budget is used up";
            return std::nullopt;
        }
        request.timeout = std::min(request.timeout, std::chrono::milliseconds(left));
        HttpResult result = probe_.fetch ? probe_.fetch(request) : fetch(request, *probe_.clock);
        if (result.error_code == 0 && result.date_header)
            if (const auto server = parse_http_date(*result.date_header))
                samples_.push_back({request.url, *server, result.local_ms_at_answer});
        return result;
    }

    doctor::CheckResult endpoint(const Endpoint& endpoint) {
        std::string why;
        const auto result = request({endpoint.url, true, 0, kRequestTimeout}, why);
        return result ? evaluate_endpoint(endpoint, *result, via_proxy_)
                      : skipped_endpoint(endpoint, why);
    }

    doctor::CheckResult certificate(const std::string& label, const config::Entra& entra) {
        const std::string name = "signing certificate " + label;
        std::string why;
        const auto result =
            request({metadata_url(entra), false, kMaxMetadataBytes, kRequestTimeout}, why);
        if (!result) return {name, doctor::Status::kSkip, "not fetched: " + why, "", {}};
        if (result->error_code != 0)
            return {name,
                    doctor::Status::kSkip,
                    "the federation metadata could not be fetched: " +
                        describe_error(result->error_code).what,
                    "",
                    {}};
        if (result->http_status != 200)
            return {name,
                    doctor::Status::kWarn,
                    "the federation metadata answered HTTP " + std::to_string(result->http_status),
                    "check the profile's entra.tenantId and entra.appId",
                    {metadata_url(entra)}};
        return judge_certificates(label, result->body);
    }

    doctor::CheckResult clock() const { return evaluate_clock(samples_); }

  private:
    doctor::CheckResult judge_certificates(const std::string& label,
                                           const std::string& metadata) const {
        const auto extracted = idp_signing_certificates(metadata);
        std::vector<CertificateInfo> certs;
        std::vector<std::string> unreadable;
        if (!extracted.problem.empty()) unreadable.push_back(extracted.problem);
        for (const auto& text : extracted.base64) {
            std::string problem;
            if (auto cert = read_certificate(text, problem))
                certs.push_back(*cert);
            else
                unreadable.push_back(problem);
        }
        return evaluate_signing_certificates(label, certs, unreadable, probe_.clock->now_ms());
    }

    const NetworkProbe& probe_;
    int64_t deadline_ms_;
    bool via_proxy_;
    std::vector<ClockSample> samples_;
};

// One entry per Entra app; profiles sharing an app share its certificate.
std::vector<std::pair<std::string, config::Entra>> entra_apps(const config::Config& config) {
    std::vector<std::pair<std::string, config::Entra>> apps;
    for (const auto& profile : config.profiles) {
        auto same = std::find_if(apps.begin(), apps.end(), [&](const auto& app) {
            return app.second.tenantId == profile.entra.tenantId &&
                   app.second.appId == profile.entra.appId;
        });
        if (same != apps.end())
            same->first += ", " + profile.name;
        else
            apps.emplace_back(profile.name, profile.entra);
    }
    return apps;
}

}  // namespace

std::vector<doctor::CheckResult> probe_network(const config::Config& config,
                                               const NetworkProbe& probe) {
    BudgetedRequests requests(probe);
    std::vector<doctor::CheckResult> results;
    for (const auto& endpoint : endpoints_for(config))
        results.push_back(requests.endpoint(endpoint));
    std::vector<doctor::CheckResult> certificates;
    for (const auto& [label, entra] : entra_apps(config))
        certificates.push_back(requests.certificate(label, entra));
    results.push_back(requests.clock());
    results.insert(results.end(), certificates.begin(), certificates.end());
    return results;
}

}  // namespace ccp_relogin::network
