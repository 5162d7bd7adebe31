#pragma once
// The string half of audit/redact.h, whose header comment states the rules:
// one URL, and any free text that carries no SAML document. Pure.
#include <array>
#include <string>
#include <string_view>

namespace ccp_relogin::audit {

// The only query parameters whose values reach the log (filtered inside).
inline constexpr std::array<std::string_view, 6> kAllowedQueryParameters = {
    "destination", "new_domain", "tenantId", "RelayState", "landat", "VDIPlatform"};

// How many queries deep an allowlisted value is looked into (RelayState's
// URL has a query of its own: the product's relay states need 1).
inline constexpr int kMaxNestedQueries = 3;

// A name that says its value is a secret: its lowercase form contains
// "saml", "password", "secret", "token", "cookie", "authorization" or
// "credential". Object keys (redact.h), labels and JSON keys inside text.
bool is_sensitive_name(std::string_view name);

// One URL, filtered as redact.h says; ASCII whitespace around it does not
// hide it, and stays. A string that isn't an http(s) URL comes back unchanged.
std::string redact_url(std::string_view url);

// Free text: the URLs, key=value data, JWTs, credentials and labelled
// secrets in it filtered as redact.h says, everything else kept as it is.
// One pass: its output may still hold what a second pass takes (redact()
// reads it again until it settles, redact.cpp says why).
std::string redact_text(std::string_view text);

}  // namespace ccp_relogin::audit
