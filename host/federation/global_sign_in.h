#pragma once
// Amazon Connect Global Resiliency (docs/facts.md, "Global Resiliency"): the
// Entra app posts the SAML response to the instance group's own sign-in
// endpoint, https://<instance-id>.<source-region>.sign-in.connect.aws/saml,
// and its ACS URL carries the destination. No relay state is configured, so
// the Entra sign-in URL carries none (sign_in_url.h).
#include <string>

#include "config/config.h"

namespace ccp_relogin::federation {

// "<instance-id>.<region>.sign-in.connect.aws", lower case. The region is the
// instance's (configured as the source region, where ReplicateInstance ran).
std::string global_sign_in_host(const config::Instance& instance);

// "https://" + global_sign_in_host + "/saml": what the IAM role's trust
// policy names as SAML:aud (with a trailing "*").
std::string global_sign_in_endpoint(const config::Instance& instance);

// What the Entra app must send the agent through, for diagnoses and the
// relay-state command: the relay state (relay_state.h), or for Global
// Resiliency the endpoint with the instance ID and the destination the ACS URL
// must carry (its accountId, role and idp are the Entra app's own, unknown here).
std::string sign_in_target(const config::Profile& profile);

}  // namespace ccp_relogin::federation
