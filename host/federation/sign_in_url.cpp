#include "federation/sign_in_url.h"

#include "base/url.h"
#include "federation/relay_state.h"

namespace ccp_relogin::federation {

std::string sign_in_url(const config::Profile& profile) {
    const std::string base = profile.entra.launcher == config::Launcher::kMyApps
                                 ? "https://myapps.microsoft.com/signin/"
                                 : "https://launcher.myapps.microsoft.com/api/signin/";
    std::string url = base + base::percent_encode(profile.entra.appId) +
                      "?tenantId=" + base::percent_encode(profile.entra.tenantId);
    // Global Resiliency: the destination sits in the Entra app's ACS URL, and
    // a relay state would send the agent past the global sign-in endpoint.
    if (profile.instance.globalResiliency) return url;
    // The relay state is a whole URL travelling as one query value, so it is
    // encoded once more as a whole: "%2F" in its destination becomes "%252F".
    return url + "&RelayState=" + base::percent_encode(relay_state_url(profile));
}

}  // namespace ccp_relogin::federation
