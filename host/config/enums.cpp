#include "config/enums.h"

#include <array>
#include <utility>

namespace ccp_relogin::config {
namespace {

// One table per enumeration: the JSON spelling next to the value it stands for.
constexpr std::array<std::pair<Partition, std::string_view>, 2> kPartitions{{
    {Partition::kAws, "aws"},
    {Partition::kAwsUsGov, "aws-us-gov"},
}};
constexpr std::array<std::pair<ConnectDomain, std::string_view>, 2> kDomains{{
    {ConnectDomain::kMyConnectAws, "my.connect.aws"},
    {ConnectDomain::kAwsApps, "awsapps.com"},
}};
constexpr std::array<std::pair<Launcher, std::string_view>, 2> kLaunchers{{
    {Launcher::kLauncher, "launcher"},
    {Launcher::kMyApps, "myapps"},
}};
constexpr std::array<std::pair<ReloginMode, std::string_view>, 3> kModes{{
    {ReloginMode::kTab, "tab"},
    {ReloginMode::kInPlace, "in-place"},
    {ReloginMode::kWindow, "window"},
}};
constexpr std::array<std::pair<ProbeOnUnknown, std::string_view>, 2> kOnUnknown{{
    {ProbeOnUnknown::kAct, "act"},
    {ProbeOnUnknown::kIgnore, "ignore"},
}};
constexpr std::array<std::pair<AfterInactivity, std::string_view>, 3> kAfterInactivity{{
    {AfterInactivity::kOnReturn, "on-return"},
    {AfterInactivity::kAsk, "ask"},
    {AfterInactivity::kAlways, "always"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return table.front().second;  // unreachable: every enumerator is in its table
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view name) {
    for (const auto& [v, n] : table)
        if (n == name) return v;
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string choices_of(const std::array<std::pair<Enum, std::string_view>, N>& table) {
    std::string text = "must be one of ";
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0) text += ", ";
        text += table[i].second;
    }
    return text;
}

}  // namespace

std::string_view to_string(Partition v) { return name_of(kPartitions, v); }
std::string_view to_string(ConnectDomain v) { return name_of(kDomains, v); }
std::string_view to_string(Launcher v) { return name_of(kLaunchers, v); }
std::string_view to_string(ReloginMode v) { return name_of(kModes, v); }
std::string_view to_string(ProbeOnUnknown v) { return name_of(kOnUnknown, v); }
std::string_view to_string(AfterInactivity v) { return name_of(kAfterInactivity, v); }

std::optional<Partition> parse_partition(std::string_view s) { return value_of(kPartitions, s); }
std::optional<ConnectDomain> parse_connect_domain(std::string_view s) {
    return value_of(kDomains, s);
}
std::optional<Launcher> parse_launcher(std::string_view s) { return value_of(kLaunchers, s); }
std::optional<ReloginMode> parse_relogin_mode(std::string_view s) { return value_of(kModes, s); }
std::optional<ProbeOnUnknown> parse_probe_on_unknown(std::string_view s) {
    return value_of(kOnUnknown, s);
}

std::optional<AfterInactivity> parse_after_inactivity(std::string_view s) {
    return value_of(kAfterInactivity, s);
}

std::string partition_choices() { return choices_of(kPartitions); }
std::string connect_domain_choices() { return choices_of(kDomains); }
std::string launcher_choices() { return choices_of(kLaunchers); }
std::string relogin_mode_choices() { return choices_of(kModes); }
std::string probe_on_unknown_choices() { return choices_of(kOnUnknown); }
std::string after_inactivity_choices() { return choices_of(kAfterInactivity); }

}  // namespace ccp_relogin::config
