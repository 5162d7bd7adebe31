#pragma once
// The cookie policies of a browser's policy key in the Windows registry
// (platform::managed_policy_key), as Chromium reads them (docs/facts.md,
// "Third-party cookies" and "Policies"): BlockThirdPartyCookies a REG_DWORD
// (or a numeric REG_SZ), CookiesAllowedForUrls and CookiesBlockedForUrls
// subkeys whose values "1", "2", … are the entries (or one REG_SZ holding
// the list as JSON), the machine's (HKLM) policy winning over the user's
// (HKCU) for the same policy. The conversion is pure; reading goes through
// platform/policy_registry.h.
#include <string>
#include <vector>

#include "doctor/check_browser_cookies.h"
#include "platform/policy_registry.h"

namespace ccp_relogin::doctor {

inline constexpr const char* kBlockThirdPartyCookies = "BlockThirdPartyCookies";
inline constexpr const char* kCookiesAllowedForUrls = "CookiesAllowedForUrls";
inline constexpr const char* kCookiesBlockedForUrls = "CookiesBlockedForUrls";

// What one hive holds of the policy.
struct RegistryPolicyRead {
    platform::RegistryKey policy;   // <key>: the values of the names above
    platform::RegistryKey allowed;  // <key>\CookiesAllowedForUrls: every value
    platform::RegistryKey blocked;  // <key>\CookiesBlockedForUrls: every value
};

// Pure. `hives` in precedence order, the machine's first: each policy is
// taken whole from the first hive that sets it. `key` is the policy key
// ("SOFTWARE\Policies\Google\Chrome"). Values of the wrong type are
// problems, and the next hive may set that policy.
CookiePolicy cookie_policy_from_registry(const std::string& key,
                                         const std::vector<RegistryPolicyRead>& hives);

// The same, read from HKLM and HKCU. Never throws for what it finds.
CookiePolicy read_registry_cookie_policy(const std::string& key);

}  // namespace ccp_relogin::doctor
