#pragma once
// The character classes the free-text redactor (redact_text.h) reads words
// with. ASCII only, locale-independent, like base/text.h. Pure.
#include <string_view>

#include "base/text.h"

namespace ccp_relogin::audit {

inline constexpr const char* kRedactedValue = "redacted";  // a query value
inline constexpr const char* kRedactedToken = "[redacted]";

constexpr bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_quote(char c) { return c == '"' || c == '\'' || c == '`'; }
constexpr bool is_base64url(char c) { return base::is_ascii_alnum(c) || c == '-' || c == '_'; }
// RFC 6750's b64token, what a bearer credential is made of (before any "=").
constexpr bool is_b64token(char c) {
    return base::is_ascii_alnum(c) || std::string_view("-._~+/").find(c) != std::string_view::npos;
}
// What a key, label or option name is made of ("client_secret", "x-api.key").
constexpr bool is_name_char(char c) { return is_base64url(c) || c == '.'; }

}  // namespace ccp_relogin::audit
