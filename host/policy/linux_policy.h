#pragma once
// The policy file Chrome and Chromium (/etc/opt/chrome/policies/managed/,
// /etc/chromium/policies/managed/) and Edge (/etc/opt/edge/policies/managed/)
// read on Linux: one JSON object, policy name → value, the extension's
// configuration under "3rdparty" → "extensions" → its ID (docs/facts.md,
// "Policies"). Pure.
#include <nlohmann/json.hpp>

#include "policy/browser_policies.h"

namespace ccp_relogin::policy {

// CookiesAllowedForUrls is left out when there is no entry (no profile has
// a custom CCP): an empty list would only hide a setting made elsewhere.
nlohmann::json linux_policy_json(const BrowserPolicies& policies);

}  // namespace ccp_relogin::policy
