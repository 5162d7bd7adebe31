#include "audit/redact_text.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "base/text.h"
#include "base/url.h"

// Hand-written on purpose, like base/url.cpp: the host is a static PIE that
// loads no shared library (docs/architecture.md), Debian has no redaction or
// WHATWG URL library to link into it, and base::parse_url is the project's
// URL parser. std::regex would be at hand, but libstdc++'s matcher recurses
// as it reads and backtracks (GCC bug 86164: a long input overflows the
// stack), and strings here come from pages; the scans below are linear.
namespace ccp_relogin::audit {
namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr const char* kRedactedValue = "redacted";  // a query value
constexpr const char* kRedactedToken = "[redacted]";
constexpr const char* kInvalidUrl = "[redacted: not a valid URL]";

constexpr bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_quote(char c) { return c == '"' || c == '\'' || c == '`'; }
constexpr bool is_base64url(char c) { return base::is_ascii_alnum(c) || c == '-' || c == '_'; }
// RFC 6750's b64token, what a bearer credential is made of (before any "=").
constexpr bool is_b64token(char c) {
    return base::is_ascii_alnum(c) || std::string_view("-._~+/").find(c) != npos;
}

std::string_view trim_ascii_whitespace(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

bool starts_with_http(std::string_view text) {
    const auto lower = base::ascii_lower(text.substr(0, 8));
    return lower.starts_with("http://") || lower.starts_with("https://");
}

bool is_allowed_parameter(std::string_view name) {
    return std::find(kAllowedQueryParameters.begin(), kAllowedQueryParameters.end(), name) !=
           kAllowedQueryParameters.end();
}

// ---- Queries, and what allowlisted values hold ----------------------------

std::string filter_query(std::string_view query, int level);

// Decoded text that holds a query: a URL, "path?query" or bare "k=v".
bool carries_query(std::string_view decoded) {
    return starts_with_http(trim_ascii_whitespace(decoded)) || decoded.find_first_of("?=") != npos;
}

// Escaped twice or more, a query reads as a plain value after one decoding
// ("%252Fccp%253Ftoken%253Dx"). True also when the escaping goes deeper than
// kMaxNestedQueries: such a value is not worth keeping.
bool hides_query(std::string text) {
    for (int round = 0; round < kMaxNestedQueries; ++round) {
        auto next = base::percent_decode(text);
        if (!next || carries_query(*next)) return true;
        if (*next == text) return false;
        text = std::move(*next);
    }
    return true;
}

// "path?query": the path kept, the query filtered. Text with a "=" before
// any "?" is all query: "token=a?b" must not keep "token=a" as a path.
std::string filter_path_and_query(std::string_view text, int level) {
    const auto question = text.find('?');
    if (question < text.find('='))
        return std::string(text.substr(0, question + 1)) +
               filter_query(text.substr(question + 1), level);
    return filter_query(text, level);
}

// A URL inside an allowlisted value; nullopt when parse_url refuses it. When
// nothing is dropped it comes back as written ("https://x", not
// "https://x/"), so that the value keeps the sender's escapes.
std::optional<std::string> filter_nested_url(std::string_view text, int level) {
    const auto url = base::parse_url(text);
    if (!url) return std::nullopt;
    const auto query = filter_query(url->query, level);
    const bool dropped = query != url->query || url->has_userinfo || text.find('#') != npos;
    return dropped ? base::serialize_without_userinfo(*url, query) : std::string(text);
}

// `decoded` (which carries_query) with its query filtered at `level`.
std::optional<std::string> filter_nested(std::string_view decoded, int level) {
    const auto trimmed = trim_ascii_whitespace(decoded);
    if (starts_with_http(trimmed)) return filter_nested_url(trimmed, level);
    return filter_path_and_query(decoded, level);
}

// An allowlisted parameter's value, in a query at `level`: kept as sent
// unless, decoded once, it holds a query, which is then filtered one level
// deeper and the value encoded again.
std::string filter_allowed_value(std::string_view encoded, int level) {
    const auto decoded = base::percent_decode(encoded);
    if (!decoded) return kRedactedValue;
    if (!carries_query(*decoded))
        return hides_query(*decoded) ? kRedactedValue : std::string(encoded);
    if (level >= kMaxNestedQueries) return kRedactedValue;
    const auto filtered = filter_nested(*decoded, level + 1);
    if (!filtered) return kRedactedValue;
    return *filtered == *decoded ? std::string(encoded) : base::percent_encode(*filtered);
}

std::string filter_pair(std::string_view pair, int level) {
    const auto equals = pair.find('=');
    const auto name = pair.substr(0, equals);
    if (!is_allowed_parameter(name)) return std::string(name) + "=" + kRedactedValue;
    if (equals == npos) return std::string(pair);
    return std::string(name) + "=" + filter_allowed_value(pair.substr(equals + 1), level);
}

// `query` (encoded, without "?"): allowlisted pairs filtered inside, every
// other value replaced. `level` is 0 for a URL's own query.
std::string filter_query(std::string_view query, int level) {
    std::string out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        if (!out.empty()) out += '&';
        out += filter_pair(pair, level);
    }
    return out;
}

// ---- Free text --------------------------------------------------------------

// A "=" that opens a quoted value (key="a b"): the value runs to the
// matching quote, spaces included, so that none of it stays behind.
bool opens_quoted_value(std::string_view text, std::size_t at) {
    return text[at] == '=' && at + 1 < text.size() && is_quote(text[at + 1]);
}

std::size_t past_quoted_value(std::string_view text, std::size_t equals) {
    const auto close = text.find(text[equals + 1], equals + 2);
    return close == npos ? text.size() : close + 1;
}

// Where the run from `at` ends: at whatever `stops` at, outside quoted values.
template <typename Stop>
std::size_t run_end(std::string_view text, std::size_t at, Stop stops) {
    while (at < text.size() && !stops(text[at]))
        at = opens_quoted_value(text, at) ? past_quoted_value(text, at) : at + 1;
    return at;
}

std::size_t word_end(std::string_view text, std::size_t at) {
    return run_end(text, at, is_ascii_space);
}

// A URL in a word ends at the word's end, a quote or an angle bracket.
std::size_t url_end(std::string_view word, std::size_t at) {
    return run_end(word, at, [](char c) { return is_quote(c) || c == '<' || c == '>'; });
}

std::size_t find_url(std::string_view text, std::size_t from) {
    for (auto at = text.find_first_of("hH", from); at != npos;
         at = text.find_first_of("hH", at + 1))
        if (starts_with_http(text.substr(at))) return at;
    return npos;
}

// The first "=" from `from` with a letter or digit before it: where
// key=value data starts. "<=", "==" or "=>" alone are prose.
std::size_t find_pair_equals(std::string_view text, std::size_t from) {
    bool named = false;
    for (auto at = from; at < text.size(); ++at) {
        if (text[at] == '=' && named) return at;
        named = named || base::is_ascii_alnum(text[at]);
    }
    return npos;
}

// One word: the URLs in it, until key=value data starts, which then takes
// the rest of the word (a URL inside a value belongs to the value). The "="
// is searched again only once a URL has passed it, so this stays linear.
std::string redact_word(std::string_view word) {
    std::string out;
    std::size_t at = 0;
    auto equals = find_pair_equals(word, 0);
    while (at < word.size()) {
        if (equals != npos && equals < at) equals = find_pair_equals(word, at);
        const auto url = find_url(word, at);
        if (equals < url) return out + filter_path_and_query(word.substr(at), 0);
        if (url == npos) break;
        const auto end = url_end(word, url);
        out += word.substr(at, url - at);
        out += redact_url(word.substr(url, end - url));
        at = end;
    }
    return out + std::string(word.substr(at));
}

// "Bearer" as a word or a word's end ("Authorization:Bearer"), any case.
bool names_bearer_scheme(std::string_view word) {
    constexpr std::string_view kScheme = "bearer";
    if (word.size() < kScheme.size()) return false;
    const auto start = word.size() - kScheme.size();
    return base::ascii_lower(word.substr(start)) == kScheme &&
           (start == 0 || !base::is_ascii_alnum(word[start - 1]));
}

// The word after "Bearer": its credential (after any opening quote) goes.
std::string redact_credential_word(std::string_view word) {
    std::size_t start = 0;
    while (start < word.size() && is_quote(word[start])) ++start;
    auto end = start;
    while (end < word.size() && is_b64token(word[end])) ++end;
    while (end < word.size() && word[end] == '=') ++end;
    if (end == start) return redact_word(word);
    return std::string(word.substr(0, start)) + kRedactedToken + redact_word(word.substr(end));
}

// A run starting "eyJ": JWS (three segments, the last empty when unsigned)
// or JWE (five); the first two are never empty.
bool is_jwt(std::string_view run) {
    const auto first = run.find('.');
    const auto second = first == npos ? npos : run.find('.', first + 1);
    return second != npos && second > first + 1;
}

std::string redact_jwts(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    for (auto start = text.find("eyJ"); start != npos; start = text.find("eyJ", at)) {
        auto end = start;
        while (end < text.size() && (is_base64url(text[end]) || text[end] == '.')) ++end;
        const auto run = text.substr(start, end - start);
        const bool starts_run = start == 0 || !is_base64url(text[start - 1]);
        out += text.substr(at, start - at);
        out += starts_run && is_jwt(run) ? std::string_view(kRedactedToken) : run;
        at = end;
    }
    return out + std::string(text.substr(at));
}

}  // namespace

std::string redact_url(std::string_view text) {
    const auto trimmed = trim_ascii_whitespace(text);
    if (!starts_with_http(trimmed)) return std::string(text);
    const auto url = base::parse_url(trimmed);
    const auto filtered =
        url ? base::serialize_without_userinfo(*url, filter_query(url->query, 0)) : kInvalidUrl;
    // The whitespace stays where it was: a message quoting a configured URL
    // must not hide that it had some.
    const auto lead = static_cast<std::size_t>(trimmed.data() - text.data());
    return std::string(text.substr(0, lead)) + filtered +
           std::string(text.substr(lead + trimmed.size()));
}

std::string redact_text(std::string_view text) {
    std::string out;
    bool credential_next = false;
    for (std::size_t at = 0; at < text.size();) {
        if (is_ascii_space(text[at])) {
            out += text[at++];
            continue;
        }
        const auto end = word_end(text, at);
        const auto word = text.substr(at, end - at);
        out += credential_next ? redact_credential_word(word) : redact_word(word);
        credential_next = names_bearer_scheme(word);
        at = end;
    }
    return redact_jwts(out);
}

}  // namespace ccp_relogin::audit
