#pragma once
// The rules of the cookie-rule message (docs/protocol.md, "cookie-rule"):
// which patterns and reasons are well formed, whether the configuration
// names the rule, and the audit line's fields. Pure.
//
// The extension only ever asks the browser to allow one instance's Connect
// host embedded in one custom-CCP origin, so the message's patterns are
// exactly that shape: a wildcard, a path or another site is refused, and a
// rule the host could not name in an audit line never passes as a valid one.
#include <nlohmann/json.hpp>
#include <string_view>

#include "config/config.h"
#include "protocol/messages.h"

namespace ccp_relogin::protocol {

// "https://<alias>.my.connect.aws/*" or "https://<alias>.awsapps.com/*":
// one Connect host in lower case, as browsers write origins.
bool is_connect_host_pattern(std::string_view pattern);

// "https://<host>/*" or "https://<host>:<port>/*": a plain lower-case DNS
// host name, no wildcard, a port of 1-65535 when there is one.
bool is_origin_pattern(std::string_view pattern);

// set: "third-party-cookies-blocked" (the browser blocked the Connect cookie
// in that custom CCP). clear: "profile-removed" (the configuration no longer
// names the pair), "fix-disabled" (detection.fixThirdPartyCookies is false),
// "policy-overrides" (a browser policy blocks the cookie anyway, so the rule
// was withdrawn).
bool is_cookie_rule_reason(CookieRuleAction action, std::string_view reason);

// The reasons of `action`, comma-separated, for error messages.
std::string_view cookie_rule_reasons(CookieRuleAction action);

// True when the configuration allows this rule now: the named profile's
// Connect host, one of its returnTo origins, and detection.fixThirdPartyCookies
// on. Recorded with the change, so the trail shows a rule the configuration
// never named.
bool cookie_rule_is_configured(const CookieRule& rule, const config::Config& config);

// {action, profile, primaryPattern, secondaryPattern, reason}
nlohmann::json cookie_rule_audit_fields(const CookieRule& rule);

}  // namespace ccp_relogin::protocol
