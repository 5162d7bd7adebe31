#pragma once
// doctor's connectivity checks, pure: which hosts a re-login passes through
// for the configured profiles (every URL built from configuration), and what
// one request's outcome means. The requests themselves: network/probe_http.h.
#include <string>
#include <vector>

#include "config/config.h"
#include "doctor/check_result.h"
#include "network/probe_http.h"

namespace ccp_relogin::network {

// One URL to try, and why it matters.
struct Endpoint {
    std::string url;      // "https://login.microsoftonline.com/"
    std::string host;     // "login.microsoftonline.com"
    std::string purpose;  // "Entra sign-in (agents-us, admins-us)"
};

// Pure. In the order a re-login meets them, each URL once (profiles that
// share one are listed together in its purpose):
//   the Entra user access URL's host (launcher.myapps.microsoft.com or
//   myapps.microsoft.com), login.microsoftonline.com, the AWS SAML sign-in
//   endpoint of the partition (signin.aws.amazon.com/saml,
//   signin.amazonaws-us-gov.com/saml), the AWS console that serves the relay
//   state, and the Connect instance's origin.
std::vector<Endpoint> endpoints_for(const config::Config& config);

// Pure. Any HTTP answer means the host is reachable (ok; a 5xx warns); a
// libcurl error fails with its words. `via_proxy`: mention the proxy.
doctor::CheckResult evaluate_endpoint(const Endpoint& endpoint, const HttpResult& result,
                                      bool via_proxy);

// The result for an endpoint not tried (--offline, or the time budget used up).
doctor::CheckResult skipped_endpoint(const Endpoint& endpoint, const std::string& why);

}  // namespace ccp_relogin::network
