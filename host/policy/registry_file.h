#pragma once
// The policies as a Windows .reg file (regedit's "Windows Registry Editor
// Version 5.00"), for HKLM\SOFTWARE\Policies\Google\Chrome and
// \Microsoft\Edge. Pure. How Chrome reads the registry (docs/facts.md,
// "Policies"):
//   - ExtensionSettings, a dictionary policy, as one REG_SZ holding JSON;
//   - a list policy as a key of numbered REG_SZ values "1", "2", …;
//   - the extension's configuration under
//     ...\3rdparty\extensions\<ID>\policy, one value per top-level key:
//     objects and arrays as REG_SZ JSON, strings as REG_SZ, integers and
//     booleans as REG_DWORD.
// The extension's key is deleted first ("[-…]"), so a key an older file set
// does not linger; the shared list keys are not (they may hold the company's
// own entries): their numbered values are overwritten from "1" on.
// The file is ASCII with CRLF line ends: JSON is written with \u escapes,
// and a plain string value that is not printable ASCII is refused.
#include <string>
#include <vector>

#include "policy/browser_policies.h"

namespace ccp_relogin::policy {

// "SOFTWARE\Policies\Google\Chrome", "SOFTWARE\Policies\Microsoft\Edge".
std::string policy_key(Vendor vendor);

// "SOFTWARE\Policies\Google\Chrome\3rdparty\extensions\<ID>\policy".
std::string extension_policy_key(Vendor vendor, const std::string& extension_id);

// One file for every browser in `browsers`, in that order. Throws
// std::invalid_argument for a value a .reg file can't hold (see above).
std::string registry_file(const std::vector<BrowserPolicies>& browsers);

}  // namespace ccp_relogin::policy
