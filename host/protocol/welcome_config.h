#pragma once
// What `welcome.config` carries to the extension: the parts it needs to match
// pages, detect expiry and pace re-logins. Never secrets, never Entra IDs or
// audit forwarding settings. The shape is relied on by extension/ (contract):
//
// {"profiles":[{"name", "instance":{"id","alias","region","partition","domain"},
//               "connectOrigin":"https://acme.my.connect.aws", "destination",
//               "returnTo":[...],
//               "cookiesAllowedForUrls":["https://[*.]my.connect.aws,https://agents.example.com"]}],
//  "detection":{"phrases":[...],"loginPaths":[...],
//               "probe":{"enabled":true,"path":"/auth/authorize",
//                        "legacyPath":"/connect/auth/authorize",
//                        "signedInStatus":null,"signedOutStatus":[401,403],
//                        "onUnknown":"act"},
//               "fixThirdPartyCookies":true},
//  "relogin":{"mode":"tab","timeoutSeconds":300},
//  "guard":{"maxAttempts","windowSeconds","postLoginSeconds"}}
// detection.probe is what extension/lib/probe-rules.js probeSettings() reads;
// signedInStatus null means any 2xx. cookiesAllowedForUrls is derived, not
// configured (federation/cookie_policy.h): the policy entries the extension
// names when the browser blocks the Connect cookie in a custom CCP, one per
// returnTo origin.
#include <nlohmann/json.hpp>

#include "config/config.h"

namespace ccp_relogin::protocol {

nlohmann::json welcome_config_json(const config::Config& config);

}  // namespace ccp_relogin::protocol
