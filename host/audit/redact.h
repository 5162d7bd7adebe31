#pragma once
// Pure: takes an audit event apart from anything that could carry a secret or
// a SAML message before it reaches the disk. Kept simple on purpose:
//  - object keys whose lowercase name contains "saml", "password", "secret",
//    "token", "cookie", "authorization" or "credential" are dropped, at any
//    depth ("RelayState" is kept: it is configuration, not a secret);
//  - a string that contains a SAML document ("<saml", or the base64 of a
//    document starting "<sa…" or "<?xml": "PHNhbW", "PD94bWw") becomes
//    "[redacted]";
//  - a string that is an http(s) URL keeps scheme, host, port and path; its
//    query keeps only allowlisted parameters (kAllowedQueryParameters), other
//    values become "redacted"; user info and fragment are dropped (scheme and
//    host in lower case, escapes kept as sent); a URL that base::parse_url
//    refuses becomes "[redacted: not a valid URL]". URLs inside
//    longer text are not looked for;
//  - strings are cut to kMaxStringLength characters, arrays to kMaxArrayItems,
//    nesting to kMaxDepth.
#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ccp_relogin::audit {

inline constexpr std::size_t kMaxStringLength = 512;
inline constexpr std::size_t kMaxArrayItems = 32;
inline constexpr int kMaxDepth = 8;

inline constexpr std::array<std::string_view, 6> kAllowedQueryParameters = {
    "destination", "new_domain", "tenantId", "RelayState", "landat", "VDIPlatform"};

nlohmann::json redact(const nlohmann::json& event);

// One URL, as described above; a string that isn't an http(s) URL comes back
// unchanged.
std::string redact_url(std::string_view url);

}  // namespace ccp_relogin::audit
