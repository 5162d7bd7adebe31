#include "federation/cookie_policy.h"

#include <algorithm>

#include "base/url.h"
#include "config/enums.h"

namespace ccp_relogin::federation {
namespace {

void add_unique(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

}  // namespace

std::string connect_site_pattern(const config::Instance& instance) {
    return "https://[*.]" + std::string(config::to_string(instance.domain));
}

std::vector<std::string> return_to_origins(const config::Profile& profile) {
    std::vector<std::string> origins;
    for (const auto& entry : profile.returnTo) {
        const auto url = base::parse_url(entry);
        if (!url || url->scheme != "https" || url->has_userinfo || url->host.empty()) continue;
        add_unique(origins, "https://" + url->host + (url->port.empty() ? "" : ":" + url->port));
    }
    return origins;
}

std::string cookies_allowed_entry(const config::Instance& instance,
                                  const std::string& embedder_origin) {
    // The site allowed to use cookies first, then the top-level site.
    return connect_site_pattern(instance) + "," + embedder_origin;
}

std::vector<std::string> cookies_allowed_for_urls(const config::Profile& profile) {
    std::vector<std::string> entries;
    for (const auto& origin : return_to_origins(profile))
        entries.push_back(cookies_allowed_entry(profile.instance, origin));
    return entries;
}

std::vector<std::string> cookies_allowed_for_urls(const config::Config& config) {
    std::vector<std::string> entries;
    for (const auto& profile : config.profiles)
        for (auto& entry : cookies_allowed_for_urls(profile)) add_unique(entries, std::move(entry));
    return entries;
}

}  // namespace ccp_relogin::federation
