#include "federation/sign_in_url.h"

#include "base/url.h"
#include "federation/relay_state.h"

namespace ccp_relogin::federation {

std::string sign_in_url(const config::Profile& profile) {
    const std::string base = profile.entra.launcher == config::Launcher::kMyApps
                                 ? "https://myapps.microsoft.com/signin/"
                                 : "https://launcher.myapps.microsoft.com/api/signin/";
    // The relay state is a whole URL travelling as one query value, so it is
    // encoded once more as a whole: "%2F" in its destination becomes "%252F".
    return base + base::percent_encode(profile.entra.appId) +
           "?tenantId=" + base::percent_encode(profile.entra.tenantId) +
           "&RelayState=" + base::percent_encode(relay_state_url(profile));
}

}  // namespace ccp_relogin::federation
