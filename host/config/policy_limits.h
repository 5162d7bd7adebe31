#pragma once
// What the browser policy may change. The policy is the highest layer, but
// it reaches the host in the extension's `hello`: the host cannot tell an
// administrator's managed storage from whatever a trusted caller sends. So,
// unless the configuration files give leave (`browserPolicy.*`), a policy may
//   - not change `audit.forwardUrl` (neither send the trail elsewhere nor
//     switch forwarding off), and
//   - not loosen `guard.*` beyond what the files, or the defaults, say: more
//     attempts, a shorter window, a shorter loop window;
// and it may never set `browserPolicy` itself. Each value refused is a
// Problem of the policy and is dropped, so the files' value applies.
#include <nlohmann/json.hpp>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::config {

// `policy` is the policy's validated document; `files` the configuration the
// files alone build. Removes what the policy may not set, reporting each.
void limit_policy(nlohmann::json& policy, const Config& files, std::vector<Problem>& problems);

}  // namespace ccp_relogin::config
