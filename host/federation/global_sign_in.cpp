#include "federation/global_sign_in.h"

#include "base/text.h"
#include "base/url.h"
#include "federation/relay_state.h"

namespace ccp_relogin::federation {

std::string global_sign_in_host(const config::Instance& instance) {
    return base::ascii_lower(instance.id) + "." + base::ascii_lower(instance.region) +
           ".sign-in.connect.aws";
}

std::string global_sign_in_endpoint(const config::Instance& instance) {
    return "https://" + global_sign_in_host(instance) + "/saml";
}

std::string sign_in_target(const config::Profile& profile) {
    if (!profile.instance.globalResiliency) return relay_state_url(profile);
    // The endpoint takes the same destination forms as the federate URL,
    // encoded once as a query value.
    return global_sign_in_endpoint(profile.instance) +
           "?instanceId=" + base::percent_encode(profile.instance.id) +
           "&destination=" + base::percent_encode(connect_destination(profile));
}

}  // namespace ccp_relogin::federation
