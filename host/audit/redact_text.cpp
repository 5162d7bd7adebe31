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

// An HTTP authorization scheme whose credential is the next word
// ("Bearer", "Basic", "Negotiate"), as a word or a word's end
// ("Authorization:Bearer"), any case.
bool names_credential_scheme(std::string_view word) {
    for (const std::string_view scheme : {"bearer", "basic", "negotiate"}) {
        if (word.size() < scheme.size()) continue;
        const auto start = word.size() - scheme.size();
        if (base::ascii_lower(word.substr(start)) == scheme &&
            (start == 0 || !base::is_ascii_alnum(word[start - 1])))
            return true;
    }
    return false;
}

// The word after a scheme: its credential (after any opening quote) goes.
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

// Parameters in a path segment (";jsessionid=…"): a session identifier
// rides there in some servers' URLs. Their values go, their names stay.
std::string filter_path_parameters(std::string_view path) {
    std::string out;
    std::size_t at = 0;
    for (auto semicolon = path.find(';'); semicolon != npos; semicolon = path.find(';', at)) {
        const auto end = std::min(path.find_first_of("/;", semicolon + 1), path.size());
        const auto parameter = path.substr(semicolon + 1, end - semicolon - 1);
        const auto equals = parameter.find('=');
        out += path.substr(at, semicolon + 1 - at);
        out += equals == npos ? parameter
                              : std::string(parameter.substr(0, equals + 1)) + kRedactedValue;
        at = end;
    }
    return out + std::string(path.substr(at));
}

// ---- Labels, JSON keys and authorization schemes in text -------------------

// `text` without the quotes, brackets and punctuation around a name.
std::string_view bare_name(std::string_view text) {
    const auto is_edge = [](char c) { return !base::is_ascii_alnum(c) && c != '-' && c != '_'; };
    while (!text.empty() && is_edge(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_edge(text.back())) text.remove_suffix(1);
    return text;
}

// "password:" or "\"token\":": a word that labels a secret coming next.
bool labels_secret(std::string_view word) {
    return word.size() > 1 && word.back() == ':' && is_sensitive_name(bare_name(word));
}

// Inside one word, JSON pairs with a secret's name ("access_token":"abc"):
// the value, quoted or bare, becomes "[redacted]".
std::string redact_json_pairs(std::string_view word) {
    std::string out;
    std::size_t at = 0;
    for (auto colon = word.find("\":"); colon != npos; colon = word.find("\":", at)) {
        const auto value = colon + 2;
        const auto open = colon == 0 ? npos : word.rfind('"', colon - 1);
        const bool secret = open != npos && open >= at &&
                            is_sensitive_name(word.substr(open + 1, colon - open - 1));
        out += word.substr(at, value - at);
        at = value;
        if (!secret || value == word.size()) continue;  // a value in the next word: a label's
        std::size_t end = value;
        if (end < word.size() && word[end] == '"') {
            for (++end; end < word.size() && word[end] != '"'; ++end)
                if (word[end] == '\\') ++end;
            end = std::min(end + 1, word.size());
            out += std::string("\"") + kRedactedToken + "\"";
        } else {
            end = std::min(word.find_first_of(",}]", end), word.size());
            out += kRedactedToken;
        }
        at = end;
    }
    return out + std::string(word.substr(at));
}

// "name:value" in one word with a secret's name ("x-amz-security-token:FQo…").
std::string redact_inline_label(std::string_view word) {
    const auto colon = word.find(':');
    // A JSON key ("name":) is redact_json_pairs' to judge.
    if (colon == npos || colon == 0 || colon + 1 >= word.size() || word[colon + 1] == '/' ||
        word[colon - 1] == '"' || !is_sensitive_name(bare_name(word.substr(0, colon))))
        return std::string(word);
    return std::string(word.substr(0, colon + 1)) + kRedactedToken;
}

}  // namespace

bool is_sensitive_name(std::string_view name) {
    constexpr std::string_view kParts[] = {"saml",   "password",      "secret",    "token",
                                           "cookie", "authorization", "credential"};
    const auto lower = base::ascii_lower(name);
    return std::any_of(std::begin(kParts), std::end(kParts),
                       [&](std::string_view part) { return lower.find(part) != npos; });
}

std::string redact_url(std::string_view text) {
    const auto trimmed = trim_ascii_whitespace(text);
    if (!starts_with_http(trimmed)) return std::string(text);
    auto url = base::parse_url(trimmed);
    if (url) url->path = filter_path_parameters(url->path);
    const auto filtered =
        url ? base::serialize_without_userinfo(*url, filter_query(url->query, 0)) : kInvalidUrl;
    // The whitespace stays where it was: a message quoting a configured URL
    // must not hide that it had some.
    const auto lead = static_cast<std::size_t>(trimmed.data() - text.data());
    return std::string(text.substr(0, lead)) + filtered +
           std::string(text.substr(lead + trimmed.size()));
}

// What the previous word says about the next one.
enum class Next { kPlain, kCredential, kSecret };

std::string redact_text(std::string_view text) {
    std::string out;
    Next next = Next::kPlain;
    for (std::size_t at = 0; at < text.size();) {
        if (is_ascii_space(text[at])) {
            out += text[at++];
            continue;
        }
        const auto end = word_end(text, at);
        const auto word = text.substr(at, end - at);
        const bool scheme = names_credential_scheme(word);
        if (next == Next::kCredential)
            out += redact_credential_word(word);
        else if (next == Next::kSecret && !scheme)  // "Authorization: Basic …": the scheme stays
            out += kRedactedToken;
        else
            out += redact_word(redact_inline_label(redact_json_pairs(word)));
        next = scheme ? Next::kCredential : labels_secret(word) ? Next::kSecret : Next::kPlain;
        at = end;
    }
    return redact_jwts(out);
}

}  // namespace ccp_relogin::audit
