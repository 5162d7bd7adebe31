#pragma once
// The AWS relay state: the Connect federate URL plus the destination that the
// login lands on (docs/facts.md, "Relay state"), and the Connect
// URLs derived from the same instance settings.
#include <string>
#include <string_view>

#include "config/config.h"

namespace ccp_relogin::federation {

// "acme.my.connect.aws" or "acme.awsapps.com": the instance's Connect host,
// lower case as browsers show it in location.origin.
std::string connect_host(const config::Instance& instance);

// "https://" + connect_host(instance) (no trailing "/").
std::string connect_origin(const config::Instance& instance);

// True when the profile's destination is an absolute https URL (an approved
// origin of the instance, also one of returnTo: config/validate.cpp) rather
// than a path on the instance.
bool is_external_destination(const config::Profile& profile);

// The destination as Connect serves it on the instance's domain: unchanged for
// my.connect.aws; with the legacy "/connect" prefix for awsapps.com unless the
// destination already is "/connect" or below it. May carry its own query. An
// external destination is returned unchanged.
std::string connect_destination(const config::Profile& profile);

// `destination` with the legacy "/connect" prefix, added unless already there
// ("/ccp-v2" -> "/connect/ccp-v2"; "/connect/ccp-v2" unchanged).
std::string legacy_connect_destination(std::string_view destination);

// connect_origin + connect_destination (the external destination itself):
// the page the login lands on, used as the last-resort return target.
std::string connect_destination_url(const config::Profile& profile);

// "<region>.console.aws.amazon.com", or "console.amazonaws-us-gov.com" for aws-us-gov.
std::string console_host(const config::Instance& instance);

// "https://<region>.console.aws.amazon.com/connect/federate/<id>", or
// "https://console.amazonaws-us-gov.com/connect/federate/<id>" for aws-us-gov.
std::string federate_url(const config::Instance& instance);

// federate_url + "?destination=<connect_destination, percent-encoded whole>"
// + "&new_domain=true" for my.connect.aws instances.
std::string relay_state_url(const config::Profile& profile);

}  // namespace ccp_relogin::federation
