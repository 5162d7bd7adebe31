#include "policy/extension_hosts.h"

#include <algorithm>
#include <stdexcept>

#include "federation/cookie_policy.h"
#include "federation/relay_state.h"

namespace ccp_relogin::policy {
namespace {

void add_once(std::vector<std::string>& hosts, std::string pattern) {
    if (std::find(hosts.begin(), hosts.end(), pattern) == hosts.end())
        hosts.push_back(std::move(pattern));
}

}  // namespace

std::vector<std::string> sign_in_host_patterns() {
    return {"login.microsoftonline.com",     "login.microsoftonline.us",    "login.microsoft.com",
            "launcher.myapps.microsoft.com", "myapps.microsoft.com",        "signin.aws.amazon.com",
            "*.signin.aws.amazon.com",       "signin.amazonaws-us-gov.com", "*.sign-in.connect.aws",
            "*.console.aws.amazon.com",      "console.amazonaws-us-gov.com"};
}

std::vector<std::string> runtime_allowed_hosts(const config::Config& config) {
    std::vector<std::string> hosts;
    for (const auto& host : sign_in_host_patterns()) add_once(hosts, "https://" + host);
    for (const auto& profile : config.profiles) {
        add_once(hosts, federation::connect_origin(profile.instance));
        // return_to_origins are "https://host[:port]", what a runtime host
        // pattern is before Chromium appends "/*".
        for (auto origin : federation::return_to_origins(profile)) add_once(hosts, origin);
    }
    if (hosts.size() > kMaxRuntimeHosts)
        throw std::invalid_argument(
            "the configuration names " + std::to_string(hosts.size()) +
            " hosts for runtime_allowed_hosts; Chromium keeps only the first " +
            std::to_string(kMaxRuntimeHosts) + ": use fewer returnTo origins or instances");
    return hosts;
}

}  // namespace ccp_relogin::policy
