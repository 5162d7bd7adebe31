#pragma once
// The Entra ID user access URL (IdP-initiated sign-on) that starts a re-login,
// carrying the relay state encoded once more as a whole (docs/facts.md, "Relay state in the Entra
// URL": "%2F" inside the destination becomes "%252F").
#include <string>

#include "config/config.h"

namespace ccp_relogin::federation {

// launcher: "https://launcher.myapps.microsoft.com/api/signin/<appId>?tenantId=<t>&RelayState=<r>"
// myapps:   "https://myapps.microsoft.com/signin/<appId>?tenantId=<t>&RelayState=<r>"
// A Global Resiliency instance gets no RelayState (global_sign_in.h).
std::string sign_in_url(const config::Profile& profile);

}  // namespace ccp_relogin::federation
