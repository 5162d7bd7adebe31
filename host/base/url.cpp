#include "base/url.h"

#include <algorithm>
#include <charconv>

#include "base/text.h"

// Hand-written on purpose (docs/architecture.md, "Processes"): the only URLs the
// host reads are the ones Chrome serializes (WHATWG, already canonical) and
// the administrator's configuration. Debian has no WHATWG parser in C or C++
// (uriparser follows RFC 3986, which reads "\", "%2e" and hosts differently
// from browsers), and linking libcurl for CURLU made every host start load
// 36 shared libraries. So this file accepts the canonical shape and refuses
// everything a browser would rewrite before sending it: that is enough, and
// a refusal only means "not a page we act on".
namespace ccp_relogin::base {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";

bool is_unreserved(char c) {
    return is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
    if (is_ascii_digit(c)) return c - '0';
    return (c | 0x20) - 'a' + 10;
}

// Bytes no canonical URL carries: controls, space, DEL, backslash (browsers
// read it as "/") and non-ASCII (Chrome percent-encodes it, or punycodes a host).
bool has_uncanonical_bytes(std::string_view url) {
    return std::any_of(url.begin(), url.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte >= 0x7f || c == '\\';
    });
}

// RFC 3986 pchar plus "/": what a canonical path is made of.
bool is_path_char(char c) {
    constexpr std::string_view kOthers = "!$&'()*+,;=:@/%";
    return is_unreserved(c) || kOthers.find(c) != std::string_view::npos;
}

// Query and fragment: printable ASCII minus what WHATWG always escapes there.
bool is_query_char(char c) { return std::string_view("\"#<>`").find(c) == std::string_view::npos; }

// ".", "..", and their escaped spellings, which browsers resolve as dots.
bool is_dot_segment(std::string_view segment) {
    const auto lower = ascii_lower(std::string(segment));
    return lower == "." || lower == ".." || lower == "%2e" || lower == ".%2e" || lower == "%2e." ||
           lower == "%2e%2e";
}

bool path_is_canonical(std::string_view path) {
    if (!std::all_of(path.begin(), path.end(), is_path_char)) return false;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        if (is_dot_segment(path.substr(start, end - start))) return false;
        start = end + 1;
    }
    return true;
}

// Dotted decimal with four parts of 0-255, no leading zeros: how Chrome
// serializes every IPv4 host, whatever spelling the page used.
bool is_canonical_ipv4(std::string_view host) {
    int parts = 0;
    for (std::size_t begin = 0; begin <= host.size(); ++parts) {
        const auto end = std::min(host.find('.', begin), host.size());
        const auto part = host.substr(begin, end - begin);
        unsigned value = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || value > 255 ||
            (part.size() > 1 && part[0] == '0'))
            return false;
        begin = end + 1;
    }
    return parts == 4;
}

// A host name's last label decides whether WHATWG reads it as IPv4.
bool ends_in_number(std::string_view host) {
    if (host.ends_with('.')) host.remove_suffix(1);  // WHATWG ignores one trailing dot here
    const auto dot = host.rfind('.');
    const auto last = dot == std::string_view::npos ? host : host.substr(dot + 1);
    return !last.empty() && std::all_of(last.begin(), last.end(), [](char c) {
        return is_ascii_digit(c) || c == 'x' || c == 'X';
    });
}

bool host_is_canonical(std::string_view host) {
    if (host.empty()) return false;
    // IPv6 literals have a canonical spelling of their own ("[0:0::1]" is
    // "[::1]"); no Connect or CCP page lives at one, so none is accepted.
    if (host.front() == '[') return false;
    const bool name_chars = std::all_of(host.begin(), host.end(), [](char c) {
        return is_ascii_alnum(c) || c == '-' || c == '.' || c == '_';
    });
    if (!name_chars || host.find("..") != std::string_view::npos) return false;
    return !ends_in_number(host) || is_canonical_ipv4(host);
}

bool port_is_valid(std::string_view port) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    // "0443" is Chrome's "443": only the canonical spelling is taken.
    return !port.empty() && port.size() <= 5 && ec == std::errc() &&
           ptr == port.data() + port.size() && value <= 65535 &&
           (port.size() == 1 || port[0] != '0');
}

bool is_default_port(std::string_view scheme, std::string_view port) {
    return (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
}

// "scheme:" with a scheme of RFC 3986's shape, followed by "//".
std::optional<std::size_t> authority_start(std::string_view url) {
    const auto colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_ascii_alpha(url[0]))
        return std::nullopt;
    for (const char c : url.substr(0, colon))
        if (!is_ascii_alnum(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
    if (url.substr(colon + 1, 2) != "//") return std::nullopt;
    return colon + 3;
}

// Splits "user@host:port" into the parsed URL; false when it is not canonical.
bool read_authority(std::string_view authority, ParsedUrl& parsed) {
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        if (at == 0) return false;   // "https://@host/": Chrome drops the "@"
        parsed.has_userinfo = true;  // WHATWG: the last "@" ends the user info
        authority.remove_prefix(at + 1);
    }
    const auto colon = authority.rfind(':');
    std::string_view host = authority;
    if (colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        const auto port = authority.substr(colon + 1);
        if (!port_is_valid(port)) return false;
        parsed.port = std::string(port);
    }
    parsed.host = ascii_lower(std::string(host));
    return host_is_canonical(parsed.host);
}

}  // namespace

std::string percent_encode(std::string_view text) {
    std::string encoded;
    encoded.reserve(text.size());
    for (const char c : text) {
        if (is_unreserved(c)) {
            encoded += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        encoded += '%';
        encoded += kHexDigits[byte >> 4];
        encoded += kHexDigits[byte & 0x0f];
    }
    return encoded;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        // An invalid escape stays as it is, as in WHATWG's percent-decode.
        if (text[i] == '%' && i + 2 < text.size() && is_ascii_hex(text[i + 1]) &&
            is_ascii_hex(text[i + 2])) {
            decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    if (decoded.find('\0') != std::string::npos) return std::nullopt;
    return decoded;
}

std::optional<ParsedUrl> parse_url(std::string_view url) {
    if (url.empty() || url.size() > kMaxParsedUrlLength || has_uncanonical_bytes(url))
        return std::nullopt;
    const auto start = authority_start(url);
    if (!start) return std::nullopt;

    ParsedUrl parsed;
    parsed.scheme = ascii_lower(std::string(url.substr(0, *start - 3)));
    std::string_view rest = url.substr(*start);
    const auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    if (!read_authority(rest.substr(0, authority_end), parsed)) return std::nullopt;
    rest.remove_prefix(authority_end);

    const auto hash = std::min(rest.find('#'), rest.size());
    if (hash < rest.size()) parsed.fragment = std::string(rest.substr(hash + 1));
    const auto before_hash = rest.substr(0, hash);
    const auto question = std::min(before_hash.find('?'), before_hash.size());
    if (question < before_hash.size()) parsed.query = std::string(before_hash.substr(question + 1));
    const auto path = before_hash.substr(0, question);
    parsed.path = path.empty() ? "/" : std::string(path);

    if (!path_is_canonical(parsed.path) ||
        !std::all_of(parsed.query.begin(), parsed.query.end(), is_query_char) ||
        !std::all_of(parsed.fragment.begin(), parsed.fragment.end(), is_query_char))
        return std::nullopt;
    if (is_default_port(parsed.scheme, parsed.port)) parsed.port.clear();
    return parsed;
}

std::string serialize_without_userinfo(const ParsedUrl& url, std::string_view query) {
    std::string text = url.scheme + "://" + url.host;
    if (!url.port.empty()) text += ":" + url.port;
    text += url.path;
    if (!query.empty()) text += "?" + std::string(query);
    return text;
}

bool is_plain_https(const ParsedUrl& url) {
    return url.scheme == "https" && !url.host.empty() && url.port.empty() && !url.has_userinfo;
}

std::optional<std::string> query_parameter(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto end = query.find('&');
        const auto pair = query.substr(0, end);
        const auto equals = pair.find('=');
        if (pair.substr(0, equals) == name)
            return percent_decode(equals == std::string_view::npos ? std::string_view()
                                                                   : pair.substr(equals + 1));
        if (end == std::string_view::npos) break;
        query.remove_prefix(end + 1);
    }
    return std::nullopt;
}

bool path_is_within(std::string_view path, std::string_view prefix) {
    const auto lower = ascii_lower(std::string(path));
    if (lower.find("%2e") != std::string::npos) return false;
    if (prefix.empty() || prefix.ends_with('/'))
        return path.starts_with(prefix.empty() ? "/" : prefix);
    return path == prefix ||
           (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

std::optional<std::string> https_url_problem(std::string_view url, std::size_t max_length) {
    if (url.size() > max_length) return "longer than " + std::to_string(max_length) + " characters";
    const auto parsed = parse_url(url);
    if (!parsed || parsed->scheme != "https" || parsed->host.empty()) return "not an https URL";
    if (parsed->has_userinfo) return "must not carry a user name or password";
    return std::nullopt;
}

}  // namespace ccp_relogin::base
