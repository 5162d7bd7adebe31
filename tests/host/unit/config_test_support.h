#pragma once
// A valid configuration document for config tests: two profiles on one
// instance (agents and admins), every section present.
#include <nlohmann/json.hpp>

namespace ccp_relogin::testing {

inline nlohmann::json valid_config_document() {
    return nlohmann::json::parse(R"({
      "profiles": [
        {"name": "agents-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                      "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
         "entra": {"tenantId": "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e",
                   "appId": "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c", "launcher": "launcher"},
         "destination": "/ccp-v2",
         "returnTo": ["https://agents.example.com/ccp"]},
        {"name": "admins-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                      "region": "us-east-1"},
         "entra": {"tenantId": "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e",
                   "appId": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "launcher": "myapps"},
         "destination": "/home"}
      ],
      "detection": {"phrases": ["Session expired"], "loginPaths": ["/login", "/connect/login"],
                    "probe": {"enabled": true, "path": "/auth/authorize",
                              "legacyPath": "/connect/auth/authorize",
                              "signedOutStatus": [401, 403], "onUnknown": "act"},
                    "fixThirdPartyCookies": true},
      "relogin": {"mode": "tab", "timeoutSeconds": 300},
      "guard": {"maxAttempts": 3, "windowSeconds": 900, "postLoginSeconds": 60},
      "audit": {"forwardUrl": null},
      "allowedExtensionIds": ["lgnognmbodadambbbcigkefnngodpege"]
    })");
}

}  // namespace ccp_relogin::testing
