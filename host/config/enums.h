#pragma once
// The JSON spellings of the configuration's enumerations, in one place, so the
// validator, the builder and the extension view can never disagree.
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace ccp_relogin::config {

std::string_view to_string(Partition);
std::string_view to_string(ConnectDomain);
std::string_view to_string(Launcher);
std::string_view to_string(ReloginMode);
std::string_view to_string(ProbeOnUnknown);
std::string_view to_string(AfterInactivity);

std::optional<Partition> parse_partition(std::string_view);
std::optional<ConnectDomain> parse_connect_domain(std::string_view);
std::optional<Launcher> parse_launcher(std::string_view);
std::optional<ReloginMode> parse_relogin_mode(std::string_view);
std::optional<ProbeOnUnknown> parse_probe_on_unknown(std::string_view);
std::optional<AfterInactivity> parse_after_inactivity(std::string_view);

// "must be one of aws, aws-us-gov": the reason a validator gives for a bad value.
std::string partition_choices();
std::string connect_domain_choices();
std::string launcher_choices();
std::string relogin_mode_choices();
std::string probe_on_unknown_choices();
std::string after_inactivity_choices();

}  // namespace ccp_relogin::config
