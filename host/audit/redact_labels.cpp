#include "audit/redact_labels.h"

#include <algorithm>
#include <utility>

#include "audit/redact_chars.h"
#include "audit/redact_text.h"
#include "base/text.h"

// Hand-written, as redact_text.cpp says why.
namespace ccp_relogin::audit {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// `text` without the quotes, brackets and punctuation around a name.
std::string_view bare_name(std::string_view text) {
    const auto is_edge = [](char c) { return !base::is_ascii_alnum(c) && c != '-' && c != '_'; };
    while (!text.empty() && is_edge(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_edge(text.back())) text.remove_suffix(1);
    return text;
}

bool is_name(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_name_char);
}

bool names_authorization(std::string_view name) {
    return base::ascii_lower(name).find("authorization") != npos;
}

// "password:" or "\"token\":": a word that labels a secret coming next. Not
// the start of redact_text.cpp's own "[redacted: not a valid URL]".
bool labels_secret(std::string_view word) {
    return word.size() > 1 && word.back() == ':' && !word.ends_with("[redacted:") &&
           is_sensitive_name(bare_name(word));
}

// "Authorization:Basic" as one word: the scheme is the header's value.
bool is_inline_authorization(std::string_view word) {
    const auto colon = word.find(':');
    return colon != npos && names_authorization(bare_name(word.substr(0, colon))) &&
           is_auth_scheme(word.substr(colon + 1));
}

// curl's options whose argument is "user:password" (-u, --user, and the
// proxy's -U, --proxy-user): commands quoted in messages carry them.
bool is_user_option(std::string_view word) {
    return word == "-u" || word == "-U" || word == "--user" || word == "--proxy-user";
}

// An option named for a secret, its value in the next word ("--password x",
// wget's "--http-password", "--client-secret"). With "=" it is key=value's.
bool is_secret_option(std::string_view word) {
    if (!word.starts_with('-')) return false;
    word.remove_prefix(word.starts_with("--") ? 2 : 1);
    return is_name(word) && base::is_ascii_alnum(word.front()) && is_sensitive_name(word);
}

// "Password" alone: "Password = hunter2" writes the pair with spaces.
bool is_secret_name(std::string_view word) { return is_name(word) && is_sensitive_name(word); }

bool is_pair_separator(std::string_view word) { return word == "=" || word == ":"; }

// A quoted key in `text` at `at` ("password" or 'password', and \"password\"
// in JSON escaped once more), followed by ":": where its value starts.
std::optional<std::size_t> quoted_secret_key(std::string_view text, std::size_t at) {
    const char quote = text[at];
    auto end = at + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    const auto name = text.substr(at + 1, end - at - 1);
    if (end < text.size() && text[end] == '\\') ++end;
    if (name.empty() || end >= text.size() || text[end] != quote) return std::nullopt;
    auto colon = end + 1;
    while (colon < text.size() && is_ascii_space(text[colon])) ++colon;
    if (colon >= text.size() || text[colon] != ':' || !is_sensitive_name(name)) return std::nullopt;
    auto value = colon + 1;
    while (value < text.size() && is_ascii_space(text[value])) ++value;
    return value;
}

// `text[at]` opens "[" or "{": past the bracket that closes it, brackets
// inside strings not counted, or the text's end.
std::size_t bracketed_end(std::string_view text, std::size_t at) {
    int depth = 0;
    for (auto end = at; end < text.size();) {
        if (text[end] == '"') {
            end = quoted_end(text, end);
            continue;
        }
        if (text[end] == '[' || text[end] == '{') ++depth;
        if ((text[end] == ']' || text[end] == '}') && --depth == 0) return end + 1;
        ++end;
    }
    return text.size();
}

// A pair's value at `at`: quoted (as \"…\" too), or bare up to JSON's next
// delimiter. Where it ends, and what replaces it.
std::pair<std::size_t, std::string> redact_pair_value(std::string_view text, std::size_t at) {
    if (text.substr(at).starts_with("\\\"")) {
        const auto close = text.find("\\\"", at + 2);
        const auto end = close == npos ? text.size() : close + 2;
        return {end, std::string("\\\"") + kRedactedToken + (close == npos ? "" : "\\\"")};
    }
    if (is_quote(text[at])) {
        const auto end = quoted_end(text, at);
        return {end, redacted_value(text.substr(at, end - at))};
    }
    if (text[at] == '[' || text[at] == '{') {  // an array or object: all of it
        const auto end = bracketed_end(text, at);
        return {end, kRedactedToken};
    }
    auto end = at;
    while (end < text.size() && !is_ascii_space(text[end]) &&
           std::string_view(",}]").find(text[end]) == npos)
        ++end;
    return {end, end == at ? std::string() : std::string(kRedactedToken)};
}

}  // namespace

bool is_auth_scheme(std::string_view word) {
    constexpr std::string_view kSchemes[] = {
        "basic",  "bearer",    "concealed", "digest",       "dpop",  "gnap",        "hoba",
        "mutual", "negotiate", "oauth",     "privatetoken", "vapid", "scram-sha-1", "scram-sha-256",
        "ntlm",    // Windows' own, before Negotiate
        "splunk",  // Splunk HEC's token (docs/facts.md, Splunk HTTP Event Collector)
    };
    const auto lower = base::ascii_lower(word);
    return std::find(std::begin(kSchemes), std::end(kSchemes), lower) != std::end(kSchemes);
}

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

Next next_after(Next previous, std::string_view word) {
    if (previous == Next::kSecretName && is_pair_separator(word)) return Next::kSecret;
    if (previous == Next::kAuthorization && is_auth_scheme(word)) return Next::kCredential;
    if (labels_secret(word))
        return names_authorization(bare_name(word)) ? Next::kAuthorization : Next::kSecret;
    if (is_inline_authorization(word) || names_credential_scheme(word)) return Next::kCredential;
    if (is_user_option(word)) return Next::kUserPassword;
    if (is_secret_option(word)) return Next::kSecret;
    if (is_secret_name(word)) return Next::kSecretName;
    return Next::kPlain;
}

std::size_t quoted_end(std::string_view text, std::size_t at) {
    for (auto end = at + 1; end < text.size(); ++end) {
        if (text[end] == '\\')
            ++end;
        else if (text[end] == text[at])
            return end + 1;
    }
    return text.size();
}

std::string redacted_value(std::string_view value) {
    if (value.empty() || !is_quote(value.front())) return kRedactedToken;
    const bool closed = value.size() > 1 && value.back() == value.front();
    return value.front() + std::string(kRedactedToken) +
           std::string(closed ? value.substr(0, 1) : "");
}

std::optional<std::string> redact_user_password(std::string_view value) {
    const bool quoted = !value.empty() && is_quote(value.front());
    const bool closed = quoted && value.size() > 1 && value.back() == value.front();
    const std::size_t open = quoted ? 1 : 0;
    const auto inner = value.substr(open, value.size() - open - (closed ? 1 : 0));
    const auto colon = inner.find(':');
    if (colon == npos || colon + 1 == inner.size()) return std::nullopt;
    return std::string(value.substr(0, open + colon + 1)) + kRedactedToken +
           std::string(closed ? value.substr(value.size() - 1) : "");
}

std::optional<std::string> redact_user_option_with_equals(std::string_view word) {
    const auto equals = word.find('=');
    if (equals == npos || !is_user_option(word.substr(0, equals)) || !word.starts_with("--"))
        return std::nullopt;
    const auto value = word.substr(equals + 1);
    const auto redacted = redact_user_password(value);
    return std::string(word.substr(0, equals + 1)) + (redacted ? *redacted : std::string(value));
}

std::string redact_label_word(std::string_view word) {
    // "-uadmin:pw": curl's -u with its argument attached.
    if ((word.starts_with("-u") || word.starts_with("-U")) && word.size() > 2 && word[2] != '-')
        if (const auto redacted = redact_user_password(word.substr(2)))
            return std::string(word.substr(0, 2)) + *redacted;
    const auto colon = word.find(':');
    // A JSON key ("name":) is redact_quoted_pairs' to judge; a scheme after
    // an authorization's name stays readable, its credential is next.
    if (colon == npos || colon == 0 || colon + 1 >= word.size() || word[colon + 1] == '/' ||
        word[colon - 1] == '"' || !is_sensitive_name(bare_name(word.substr(0, colon))) ||
        is_inline_authorization(word))
        return std::string(word);
    return std::string(word.substr(0, colon + 1)) + kRedactedToken;
}

std::string redact_quoted_pairs(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    for (auto key = text.find_first_of("\"'"); key != npos; key = text.find_first_of("\"'", at)) {
        const auto value = quoted_secret_key(text, key);
        if (!value || *value >= text.size()) {
            out += text.substr(at, key + 1 - at);
            at = key + 1;
            continue;
        }
        const auto [end, replacement] = redact_pair_value(text, *value);
        out += text.substr(at, *value - at);
        out += replacement.empty() ? text.substr(*value, end - *value) : replacement;
        at = end;
    }
    return out + std::string(text.substr(at));
}

}  // namespace ccp_relogin::audit
