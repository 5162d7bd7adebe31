#pragma once
// The caller-origin check (docs/protocol.md, "Rules the host enforces": "the caller origin must be
// in the allowed list (config, plus the development ID when trusted), else the host writes one
// error (code origin) and exits"). The browser passes the origin of the extension that opened the
// port as the first argument: exactly "chrome-extension://<id>/".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::protocol {

// The extension ID from an origin argument of exactly the form
// "chrome-extension://<32 letters a-p>/"; nullopt for anything else (other
// schemes, paths, upper case, missing trailing slash).
std::optional<std::string> extension_id_from_origin(std::string_view origin);

// True when `origin` is well-formed and its ID is one of `configured_ids`
// (config `allowedExtensionIds`), or the development ID and
// `trust_development` (config/development_trust.h).
bool is_allowed_origin(std::string_view origin, const std::vector<std::string>& configured_ids,
                       bool trust_development);

}  // namespace ccp_relogin::protocol
