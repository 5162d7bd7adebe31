#include "network/https_sender.h"

namespace ccp_relogin::network {

RequestSettings request_settings(std::string url, std::string_view hostVersion,
                                 const CollectorAccess& access) {
    RequestSettings settings;
    settings.url = std::move(url);
    settings.headers = {"Content-Type: application/json", "Accept: application/json"};
    if (!access.splunkToken.empty())
        settings.headers.push_back("Authorization: Splunk " + access.splunkToken);
    settings.caFile = access.caFile;
    settings.userAgent = "ccp-relogin/" + std::string(hostVersion);
    settings.pinnedKeys = access.pinnedKeys;
    for (const auto& key : access.pinnedKeys)
        settings.pinnedPublicKey +=
            (settings.pinnedPublicKey.empty() ? "" : ";") + ("sha256//" + key);
    return settings;
}

audit::SendOutcome outcome_of_status(long status) {
    const auto kind = status >= 200 && status < 300 ? audit::SendOutcome::Kind::kDelivered
                                                    : audit::SendOutcome::Kind::kRefused;
    return {kind, status, "HTTP " + std::to_string(status)};
}

}  // namespace ccp_relogin::network
