#include "protocol/cookie_rule.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "federation/cookie_policy.h"
#include "federation/relay_state.h"

namespace ccp_relogin::protocol {
namespace {

constexpr std::string_view kScheme = "https://";
constexpr std::string_view kAnyPath = "/*";

constexpr std::array<std::string_view, 3> kClearReasons = {"profile-removed", "fix-disabled",
                                                           "policy-overrides"};

bool is_label_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// One DNS label: 1-63 lower-case letters, digits and inner hyphens.
bool is_label(std::string_view s) {
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
    return std::all_of(s.begin(), s.end(), is_label_char);
}

bool is_host_name(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    for (;;) {
        const auto dot = s.find('.');
        if (!is_label(s.substr(0, dot))) return false;
        if (dot == std::string_view::npos) return true;
        s.remove_prefix(dot + 1);
    }
}

bool is_port(std::string_view s) {
    if (s.empty() || s.size() > 5 || s.front() == '0') return false;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return std::stoi(std::string(s)) <= 65535;
}

// The "host[:port]" between "https://" and "/*", or nullopt.
std::optional<std::string_view> authority_of(std::string_view pattern) {
    if (!pattern.starts_with(kScheme) || !pattern.ends_with(kAnyPath)) return std::nullopt;
    if (pattern.size() < kScheme.size() + kAnyPath.size()) return std::nullopt;
    return pattern.substr(kScheme.size(), pattern.size() - kScheme.size() - kAnyPath.size());
}

}  // namespace

bool is_connect_host_pattern(std::string_view pattern) {
    const auto host = authority_of(pattern);
    if (!host) return false;
    for (std::string_view domain : {".my.connect.aws", ".awsapps.com"}) {
        if (host->ends_with(domain)) return is_label(host->substr(0, host->size() - domain.size()));
    }
    return false;
}

bool is_origin_pattern(std::string_view pattern) {
    const auto authority = authority_of(pattern);
    if (!authority) return false;
    const auto colon = authority->find(':');
    if (colon == std::string_view::npos) return is_host_name(*authority);
    return is_host_name(authority->substr(0, colon)) && is_port(authority->substr(colon + 1));
}

bool is_cookie_rule_reason(CookieRuleAction action, std::string_view reason) {
    if (action == CookieRuleAction::kSet) return reason == "third-party-cookies-blocked";
    return std::find(kClearReasons.begin(), kClearReasons.end(), reason) != kClearReasons.end();
}

std::string_view cookie_rule_reasons(CookieRuleAction action) {
    return action == CookieRuleAction::kSet ? "third-party-cookies-blocked"
                                            : "profile-removed, fix-disabled, policy-overrides";
}

bool cookie_rule_is_configured(const CookieRule& rule, const config::Config& config) {
    const config::Profile* profile = config.find_profile(rule.profile);
    if (!profile || !config.detection.fixThirdPartyCookies) return false;
    if (rule.primaryPattern !=
        federation::connect_origin(profile->instance) + std::string(kAnyPath))
        return false;
    const auto origins = federation::return_to_origins(*profile);
    return std::any_of(origins.begin(), origins.end(), [&](const std::string& origin) {
        return rule.secondaryPattern == origin + std::string(kAnyPath);
    });
}

nlohmann::json cookie_rule_audit_fields(const CookieRule& rule) {
    return {{"action", to_string(rule.action)},
            {"profile", rule.profile},
            {"primaryPattern", rule.primaryPattern},
            {"secondaryPattern", rule.secondaryPattern},
            {"reason", rule.reason}};
}

}  // namespace ccp_relogin::protocol
