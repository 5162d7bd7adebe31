#pragma once
// federation/ owns every URL the product builds or reads: the AWS relay state,
// the Entra sign-in URL, the Connect origin, matching a page to a profile and
// choosing where to bring the agent back. This header holds the URL primitives.
// The parser accepts URLs in the canonical form Chrome serializes (WHATWG)
// and refuses every other spelling; url.cpp says why it is hand-written.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::base {

// Percent-encodes every byte except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~), so "/" becomes %2F and "%" becomes %25.
std::string percent_encode(std::string_view text);

// Decodes %XX sequences (and nothing else: "+" stays "+"). nullopt when the
// result would contain a NUL byte, which no URL part we read may carry.
std::optional<std::string> percent_decode(std::string_view text);

// URLs longer than this are never parsed (hostile input from pages).
inline constexpr std::size_t kMaxParsedUrlLength = 8192;

// An absolute URL with an authority ("scheme://host..."). Scheme and host are
// lower-cased; port is empty when absent or the scheme's default.
struct ParsedUrl {
    std::string scheme;  // lower case, e.g. "https"
    std::string host;    // lower case, no brackets removal for IPv6
    std::string port;    // "" for the default port
    std::string path;    // at least "/"
    std::string query;   // without "?", still encoded; "" when absent
    std::string fragment;
    bool has_userinfo = false;  // user name or password present
};

// nullopt for anything longer than kMaxParsedUrlLength and for anything a
// browser would rewrite before using it, so that the host never reads a URL
// differently from Chrome: control characters, spaces, backslashes (read as
// "/"), non-ASCII, dot segments ("/a/../b", also escaped as "%2e"), a host
// that is neither a plain name (lower-cased here) nor a canonical IPv4
// address (so no IPv6 literal), a port with leading zeros or out of range,
// an empty user info, or no "//" after the scheme. Invalid escapes ("%zz")
// stay as they are, as in the browser. tests/host/unit/base_url_agreement_test.cpp
// checks all this against the WHATWG parser.
std::optional<ParsedUrl> parse_url(std::string_view url);

// `url` written out again with `query` (encoded, without "?") and without
// its user info and fragment.
std::string serialize_without_userinfo(const ParsedUrl& url, std::string_view query);

// True for https URLs without user info, on the default port: the only shape a
// page URL may have to be trusted for matching or returning.
bool is_plain_https(const ParsedUrl& url);

// Longest URL a configuration may hold (returnTo, audit.forwardUrl): far
// above any real one, and small enough to echo in a problem line.
inline constexpr std::size_t kMaxConfiguredUrlLength = 2048;

// Why `url` may not be used as a place the host sends the agent or data to
// (config returnTo, audit.forwardUrl), nullopt when it may: at most
// `max_length` characters, https with a host, no user name or password.
std::optional<std::string> https_url_problem(std::string_view url,
                                             std::size_t max_length = kMaxConfiguredUrlLength);

// The decoded value of the first `name=` parameter in an encoded query string
// ("a=1&destination=%2Fccp-v2"), nullopt when absent or undecodable.
std::optional<std::string> query_parameter(std::string_view query, std::string_view name);

// True when `path` equals `prefix` or lies below it at a segment boundary
// ("/ccp" covers "/ccp", "/ccp/" and "/ccp/x", not "/ccpx"; "/" covers all).
// Paths containing an encoded dot (%2e) are never "below" anything: browsers
// resolve "%2e%2e" as "..".
bool path_is_within(std::string_view path, std::string_view prefix);

}  // namespace ccp_relogin::base
