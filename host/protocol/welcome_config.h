#pragma once
// What `welcome.config` carries to the extension: the parts it needs to match
// pages, detect expiry and pace re-logins. Never secrets, never Entra IDs or
// audit forwarding settings. The shape is relied on by extension/ (contract):
//
// {"profiles":[{"name", "instance":{"id","alias","region","partition","domain"},
//               "connectOrigin":"https://acme.my.connect.aws", "destination",
//               "returnTo":[...]}],
//  "detection":{"phrases":[...],"loginPaths":[...],
//               "probe":{"enabled":true,"path":"/auth/authorize",
//                        "legacyPath":"/connect/auth/authorize",
//                        "signedInStatus":null,"signedOutStatus":[401,403],
//                        "onUnknown":"act"}},
//  "relogin":{"mode":"tab","timeoutSeconds":300},
//  "guard":{"maxAttempts","windowSeconds","postLoginSeconds"}}
// detection.probe is what extension/lib/probe-rules.js probeSettings() reads;
// signedInStatus null means any 2xx.
#include <nlohmann/json.hpp>

#include "config/config.h"

namespace ccp_relogin::protocol {

nlohmann::json welcome_config_json(const config::Config& config);

}  // namespace ccp_relogin::protocol
