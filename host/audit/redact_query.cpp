#include "audit/redact_query.h"

#include <algorithm>
#include <optional>

#include "audit/redact_chars.h"
#include "audit/redact_text.h"
#include "base/text.h"
#include "base/url.h"

// Hand-written, as redact_text.cpp says why.
namespace ccp_relogin::audit {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_allowed_parameter(std::string_view name) {
    return std::find(kAllowedQueryParameters.begin(), kAllowedQueryParameters.end(), name) !=
           kAllowedQueryParameters.end();
}

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
    // A pair without "=" has no value to take ("flag", or a "[redacted]"
    // that stands in a query): it stays, as a name does.
    if (equals == npos) return std::string(pair);
    if (!is_allowed_parameter(name)) return std::string(name) + "=" + kRedactedValue;
    return std::string(name) + "=" + filter_allowed_value(pair.substr(equals + 1), level);
}

}  // namespace

std::string_view trim_ascii_whitespace(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

bool starts_with_http(std::string_view text) {
    const auto lower = base::ascii_lower(text.substr(0, 8));
    return lower.starts_with("http://") || lower.starts_with("https://");
}

std::size_t find_pair_equals(std::string_view text, std::size_t from) {
    bool named = false;
    for (auto at = from; at < text.size(); ++at) {
        if (text[at] == '=' && named) return at;
        named = named || base::is_ascii_alnum(text[at]);
    }
    return npos;
}

std::string filter_path_and_query(std::string_view text, int level) {
    const auto question = text.find('?');
    if (question < text.find('='))
        return std::string(text.substr(0, question + 1)) +
               filter_query(text.substr(question + 1), level);
    return filter_query(text, level);
}

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

// A form body or query quoted in a message is often percent-encoded whole
// ("grant_type%3Dpassword%26client_secret%3D…", as a logged request body or
// a value of a URL reads); the literal "=" rule misses it. The result is
// encoded again with percent_encode, so escapes come back upper case.
std::string redact_encoded_pairs(std::string_view word) {
    std::string decoded(word);
    int rounds = 0;
    while (find_pair_equals(decoded, 0) == npos) {
        auto next = base::percent_decode(decoded);
        if (rounds == kMaxNestedQueries || !next || *next == decoded) return std::string(word);
        decoded = std::move(*next);
        ++rounds;
    }
    auto filtered = filter_path_and_query(decoded, 0);
    if (rounds == 0 || filtered == decoded) return std::string(word);
    for (int round = 0; round < rounds; ++round) filtered = base::percent_encode(filtered);
    return filtered;
}

}  // namespace ccp_relogin::audit
