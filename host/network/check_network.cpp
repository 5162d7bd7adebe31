#include "network/check_network.h"

#include <algorithm>

#include "federation/relay_state.h"

namespace ccp_relogin::network {
namespace {

using config::Launcher;
using config::Partition;

constexpr const char* kEntraLogin = "login.microsoftonline.com";

std::string launcher_host(const config::Entra& entra) {
    return entra.launcher == Launcher::kMyApps ? "myapps.microsoft.com"
                                               : "launcher.myapps.microsoft.com";
}

// docs/facts.md, "SAML sign-in endpoint": global https://signin.aws.amazon.com/saml; GovCloud
// https://signin.amazonaws-us-gov.com/saml (unconfirmed there).
std::string aws_signin_host(const config::Instance& instance) {
    return instance.partition == Partition::kAwsUsGov ? "signin.amazonaws-us-gov.com"
                                                      : "signin.aws.amazon.com";
}

std::string host_of_origin(const std::string& origin) {
    const std::string scheme = "https://";
    return origin.rfind(scheme, 0) == 0 ? origin.substr(scheme.size()) : origin;
}

struct Pending {
    Endpoint endpoint;
    std::vector<std::string> profiles;
};

void add(std::vector<Pending>& list, const std::string& host, const std::string& path,
         const std::string& what, const std::string& profile) {
    const std::string url = "https://" + host + path;
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const Pending& p) { return p.endpoint.url == url; });
    if (same == list.end()) {
        list.push_back({{url, host, what}, {profile}});
        return;
    }
    if (std::find(same->profiles.begin(), same->profiles.end(), profile) == same->profiles.end())
        same->profiles.push_back(profile);
}

}  // namespace

std::vector<Endpoint> endpoints_for(const config::Config& config) {
    std::vector<Pending> list;
    for (const auto& profile : config.profiles) {
        add(list, launcher_host(profile.entra), "/", "Entra user access URL", profile.name);
        add(list, kEntraLogin, "/", "Entra sign-in", profile.name);
        add(list, aws_signin_host(profile.instance), "/saml", "AWS SAML sign-in", profile.name);
        add(list, federation::console_host(profile.instance), "/", "AWS console (relay state)",
            profile.name);
        const auto origin = federation::connect_origin(profile.instance);
        add(list, host_of_origin(origin), "/", "Amazon Connect instance", profile.name);
    }
    std::vector<Endpoint> endpoints;
    for (auto& pending : list) {
        std::string names;
        for (const auto& name : pending.profiles) names += (names.empty() ? "" : ", ") + name;
        pending.endpoint.purpose += " (" + names + ")";
        endpoints.push_back(std::move(pending.endpoint));
    }
    return endpoints;
}

doctor::CheckResult evaluate_endpoint(const Endpoint& endpoint, const HttpResult& result,
                                      bool via_proxy) {
    doctor::CheckResult check{"network " + endpoint.host, doctor::Status::kOk, "", "", {}};
    const std::string proxy = via_proxy ? " through the proxy" : "";
    if (result.error_code != 0) {
        const auto words = describe_error(result.error_code);
        check.status = doctor::Status::kFail;
        check.summary = endpoint.purpose + ": " + words.what + proxy;
        check.fix =
            words.fix +
            (via_proxy ? " (a proxy is set: " + std::string(proxy_setting_name()) + ")" : "");
        check.details.push_back(std::string(http_library_name()) + ": " + result.error_detail);
        return check;
    }
    check.summary = endpoint.purpose + ": reachable" + proxy + " (HTTP " +
                    std::to_string(result.http_status) + " in " +
                    std::to_string(result.elapsed_ms) + " ms)";
    if (result.http_status >= 500) {
        check.status = doctor::Status::kWarn;
        check.summary += "; the server reports an error";
        check.fix = "try again later; if it lasts, check the service's status page";
    }
    return check;
}

doctor::CheckResult skipped_endpoint(const Endpoint& endpoint, const std::string& why) {
    return {"network " + endpoint.host,
            doctor::Status::kSkip,
            endpoint.purpose + ": not tried, " + why,
            "",
            {}};
}

}  // namespace ccp_relogin::network
