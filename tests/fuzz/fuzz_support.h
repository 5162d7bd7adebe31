#pragma once
// What the fuzz targets share: the configuration they run against (two
// profiles on one instance, a legacy instance and a custom CCP), built once.
#include <nlohmann/json.hpp>

#include "config/layers.h"

namespace ccp_relogin::fuzz {

inline nlohmann::json fuzz_config_document() {
    return nlohmann::json::parse(R"({
      "profiles": [
        {"name": "agents-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                      "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
         "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
                   "appId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "launcher"},
         "destination": "/ccp-v2",
         "returnTo": ["https://agents.example.com/ccp", "https://agents.example.com:8443/x"]},
        {"name": "admins-us",
         "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                      "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
         "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
                   "appId": "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "myapps"},
         "destination": "/home?x=%2F1",
         "returnTo": ["https://admins.example.com/"]},
        {"name": "legacy-gov",
         "instance": {"id": "278c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "OldCo",
                      "region": "us-gov-west-1", "partition": "aws-us-gov",
                      "domain": "awsapps.com"},
         "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
                   "appId": "cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "launcher"},
         "destination": "/connect/ccp-v2",
         "returnTo": ["https://gov.example.com/ccp"]}
      ]
    })");
}

inline config::LoadedConfig fuzz_config() {
    return config::assemble_config({{"fuzz.json", fuzz_config_document()}});
}

}  // namespace ccp_relogin::fuzz
