#include "policy/linux_policy.h"

namespace ccp_relogin::policy {

nlohmann::json linux_policy_json(const BrowserPolicies& policies) {
    nlohmann::json doc = nlohmann::json::object();
    doc[kExtensionSettings] = policies.extensionSettings;
    doc[kNativeMessagingAllowlist] = policies.nativeMessagingAllowlist;
    if (!policies.cookiesAllowedForUrls.empty())
        doc[kCookiesAllowedForUrls] = policies.cookiesAllowedForUrls;
    doc["3rdparty"]["extensions"][policies.extensionId] = policies.extensionConfig;
    return doc;
}

}  // namespace ccp_relogin::policy
