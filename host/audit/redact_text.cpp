#include "audit/redact_text.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "audit/redact_chars.h"
#include "audit/redact_commands.h"
#include "audit/redact_labels.h"
#include "audit/redact_query.h"
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
constexpr const char* kInvalidUrl = "[redacted: not a valid URL]";

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

// A URL in a word ends at the word's end, a quote or an angle bracket, and
// before a "[redacted]" (a JWT taken out of its path): no URL may hold one,
// and text redacted before must come through unchanged.
std::size_t url_end(std::string_view word, std::size_t at) {
    const auto end = run_end(word, at, [](char c) { return is_quote(c) || c == '<' || c == '>'; });
    return std::min(end, word.substr(0, end).find(kRedactedToken, at));
}

std::size_t find_url(std::string_view text, std::size_t from) {
    for (auto at = text.find_first_of("hH", from); at != npos;
         at = text.find_first_of("hH", at + 1))
        if (starts_with_http(text.substr(at))) return at;
    return npos;
}

// One word: the URLs in it, until key=value data starts, which then takes
// the rest of the word (a URL inside a value belongs to the value); what
// lies between URLs may still be percent-encoded pairs. The "="
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
        out += redact_encoded_pairs(word.substr(at, url - at));
        out += redact_url(word.substr(url, end - url));
        at = end;
    }
    return out + redact_encoded_pairs(word.substr(at));
}

// The word after a scheme: its credential (after any opening quote) goes,
// when it is a token68 (RFC 9110: b64token and "=" padding). Auth-params
// (Digest's 'username="agent7",') are key=value data, filtered as such.
std::string redact_credential_word(std::string_view word) {
    std::size_t start = 0;
    while (start < word.size() && is_quote(word[start])) ++start;
    auto end = start;
    while (end < word.size() && is_b64token(word[end])) ++end;
    const auto padding = end;
    while (end < word.size() && word[end] == '=') ++end;
    // After the "=": a token, or a quoted-string that closes in the word (a
    // token68's own closing quote, "abc=='", does not).
    const bool auth_param =
        end > padding && end < word.size() &&
        (is_b64token(word[end]) || (is_quote(word[end]) && word.find(word[end], end + 1) != npos));
    if (end == start || auth_param) return redact_word(word);
    return std::string(word.substr(0, start)) + kRedactedToken + redact_word(word.substr(end));
}

// A run starting "eyJ": JWS (three segments, the last empty when unsigned)
// or JWE (five); the first two are never empty.
bool is_jwt(std::string_view run) {
    const auto first = run.find('.');
    const auto second = first == npos ? npos : run.find('.', first + 1);
    return second != npos && second > first + 1;
}

// `text` ends in a percent escape, once or more encoded ("%2F", "%252F",
// "%25252F"): its last hex digit is the escape's, not a JWT's first
// character, so a JWT glued to it ("destination=%2Fcb%2FeyJ…") starts there.
bool ends_in_percent_escape(std::string_view text) {
    if (text.size() < 3 || !base::is_ascii_hex(text[text.size() - 1]) ||
        !base::is_ascii_hex(text[text.size() - 2]))
        return false;
    text.remove_suffix(2);
    while (!text.ends_with('%') && text.ends_with("25")) text.remove_suffix(2);
    return text.ends_with('%');
}

std::string redact_jwts(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    for (auto start = text.find("eyJ"); start != npos; start = text.find("eyJ", at)) {
        auto end = start;
        while (end < text.size() && (is_base64url(text[end]) || text[end] == '.')) ++end;
        const auto run = text.substr(start, end - start);
        const bool starts_run = start == 0 || !is_base64url(text[start - 1]) ||
                                ends_in_percent_escape(text.substr(0, start));
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

// One value (a word, or a quoted run after a label), read after a word
// that said `next` (redact_labels.h).
std::string redact_value(Next next, std::string_view value) {
    switch (next) {
        case Next::kCredential:
            return redact_credential_word(value);
        case Next::kSecret:
            // "Set-Cookie: Basic …": a scheme stays, its credential is next.
            if (!names_credential_scheme(value)) return redacted_value(value);
            break;
        case Next::kAuthorization:
            // "Authorization: Splunk <token>" keeps the scheme; a value that
            // is no scheme ("Authorization: hunter2") is the credential.
            return is_auth_scheme(value) ? std::string(value) : redacted_value(value);
        case Next::kUserPassword:
            if (auto redacted = redact_user_password(value)) return *std::move(redacted);
            break;
        case Next::kSecretName:
            if (value == "=" || value == ":") return std::string(value);
            break;
        case Next::kOptionalPassword:
            if (!value.starts_with('-')) return redacted_value(value);
            break;
        case Next::kPlain:
            break;
    }
    if (auto redacted = redact_user_option_with_equals(value)) return *std::move(redacted);
    return redact_word(redact_label_word(value));
}

// Where the value at `at` ends. After a label it may be quoted and hold
// spaces ("password: 'a b'", "--http-password 'a b'", "-u 'me:a b'"): it
// goes whole. A quoted run after "-u" without a password is words again.
std::size_t value_end(Next next, std::string_view text, std::size_t at) {
    const bool label = next == Next::kSecret || next == Next::kAuthorization ||
                       next == Next::kUserPassword || next == Next::kOptionalPassword;
    if (!label || !is_quote(text[at])) return word_end(text, at);
    const auto end = quoted_end(text, at);
    if (next == Next::kUserPassword && !redact_user_password(text.substr(at, end - at)))
        return word_end(text, at);
    return end;
}

}  // namespace

bool is_sensitive_name(std::string_view name) {
    constexpr std::string_view kParts[] = {"saml",   "password",      "secret",    "token",
                                           "cookie", "authorization", "credential"};
    const auto lower = base::ascii_lower(name);
    if (std::any_of(std::begin(kParts), std::end(kParts),
                    [&](std::string_view part) { return lower.find(part) != npos; }))
        return true;
    // An API key, however its words are joined: "X-Api-Key", "api_key",
    // "apiKey", "x-api.key".
    std::string joined;
    std::copy_if(lower.begin(), lower.end(), std::back_inserter(joined),
                 [](char c) { return c != '-' && c != '_' && c != '.'; });
    return joined.find("apikey") != npos;
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

std::string redact_text(std::string_view input) {
    // JWTs first: what the word rules then read is what they would read in
    // text redacted before (a JWT's run can swallow the "https" glued to it).
    const auto text = redact_quoted_pairs(redact_jwts(input));
    std::string out;
    Next next = Next::kPlain;
    Command command = Command::kOther;
    for (std::size_t at = 0; at < text.size();) {
        if (is_ascii_space(text[at])) {
            if (text[at] == '\n') command = Command::kOther;  // a new command line
            out += text[at++];
            continue;
        }
        const auto end = value_end(next, text, at);
        const auto value = std::string_view(text).substr(at, end - at);
        const auto attached = next == Next::kPlain || next == Next::kOptionalPassword
                                  ? redact_attached_password(command, value)
                                  : std::nullopt;
        out += attached ? *attached : redact_value(next, value);
        next = next_after_password_option(command, value).value_or(next_after(next, value));
        command = command_after(command, value);
        at = end;
    }
    return out;
}

}  // namespace ccp_relogin::audit
