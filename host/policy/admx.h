#pragma once
// The policies as a Group Policy administrative template: an ADMX file and
// its en-US ADML, under the category "ccp-relogin" with one subcategory per
// browser. Pure.
//
// Built when `ccp-relogin policy --format admx` runs, from the schema the
// build compiled in (policy/managed_schema.h) and the company's
// configuration: the template writes to the extension's own key, which
// names its ID, and offers the company's values as the defaults, so it is
// made per extension ID and configuration; a fixed template made at build
// time could do neither.
//
// Per browser:
//   - one policy per top-level property of the managed schema (but
//     kFilesOnlyKeys), writing that value under
//     ...\3rdparty\extensions\<ID>\policy: a text box (JSON for objects
//     and arrays, REG_SZ) with the company's value as its default, a number
//     box (REG_DWORD) for integers, enabled/disabled (REG_DWORD 1/0) for
//     booleans;
//   - force-install (ExtensionSettings), NativeMessagingAllowlist and, when
//     a profile has a custom CCP, CookiesAllowedForUrls: fixed values, set
//     when the policy is enabled (to change them, make the template again).
#include <string>
#include <vector>

#include "policy/browser_policies.h"

namespace ccp_relogin::policy {

struct AdmxFiles {
    std::string admx;  // ccp-relogin.admx
    std::string adml;  // en-US/ccp-relogin.adml
};

inline constexpr const char* kAdmxFileName = "ccp-relogin.admx";
inline constexpr const char* kAdmlFileName = "en-US/ccp-relogin.adml";

// `browsers` share one extension ID. Throws std::invalid_argument for text
// XML can't hold.
AdmxFiles build_admx(const std::vector<BrowserPolicies>& browsers, const nlohmann::json& schema);

}  // namespace ccp_relogin::policy
