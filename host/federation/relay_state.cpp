#include "federation/relay_state.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "base/url.h"

namespace ccp_relogin::federation {
namespace {

bool is_under_connect(std::string_view destination) {
    return destination == "/connect" || destination.starts_with("/connect/") ||
           destination.starts_with("/connect?");
}

}  // namespace

std::string legacy_connect_destination(std::string_view destination) {
    if (is_under_connect(destination)) return std::string(destination);
    return "/connect" + std::string(destination);
}

std::string connect_host(const config::Instance& instance) {
    // Host names are case-insensitive; the lower-case form is what browsers
    // show in location.origin, which the extension compares against.
    const std::string_view suffix =
        instance.domain == config::ConnectDomain::kAwsApps ? ".awsapps.com" : ".my.connect.aws";
    return base::ascii_lower(instance.alias) + std::string(suffix);
}

std::string connect_origin(const config::Instance& instance) {
    return "https://" + connect_host(instance);
}

bool is_external_destination(const config::Profile& profile) {
    return profile.destination.starts_with("https:");
}

std::string connect_destination(const config::Profile& profile) {
    if (is_external_destination(profile)) return profile.destination;
    if (profile.instance.domain == config::ConnectDomain::kAwsApps)
        return legacy_connect_destination(profile.destination);
    return profile.destination;
}

std::string connect_destination_url(const config::Profile& profile) {
    if (is_external_destination(profile)) return profile.destination;
    return connect_origin(profile.instance) + connect_destination(profile);
}

std::string console_host(const config::Instance& instance) {
    // GovCloud (US) has one console host for both regions (docs/facts.md, "Relay state").
    if (instance.partition == config::Partition::kAwsUsGov) return "console.amazonaws-us-gov.com";
    return base::ascii_lower(instance.region) + ".console.aws.amazon.com";
}

std::string federate_url(const config::Instance& instance) {
    return "https://" + console_host(instance) + "/connect/federate/" +
           base::percent_encode(instance.id);
}

std::string relay_state_url(const config::Profile& profile) {
    std::string url = federate_url(profile.instance) +
                      "?destination=" + base::percent_encode(connect_destination(profile));
    if (profile.instance.domain == config::ConnectDomain::kMyConnectAws) url += "&new_domain=true";
    return url;
}

}  // namespace ccp_relogin::federation
