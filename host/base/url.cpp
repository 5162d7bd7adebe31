#include "base/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <new>
#include <stdexcept>

#include "base/text.h"

namespace ccp_relogin::base {
namespace {

struct CurlFree {
    void operator()(char* p) const { curl_free(p); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

struct CurlUrlCleanup {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlCleanup>;

int checked_length(std::string_view text) {
    if (text.size() > static_cast<std::size_t>(INT_MAX))
        throw std::length_error("URL part too long to encode");
    return static_cast<int>(text.size());
}

// One part of a parsed URL; `absent` when libcurl says the part is not there.
std::string url_part(CURLU* url, CURLUPart part, const char* absent = "") {
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || raw == nullptr) return absent;
    CurlString owned(raw);
    return owned.get();
}

bool has_part(CURLU* url, CURLUPart part) {
    char* raw = nullptr;
    const bool present = curl_url_get(url, part, &raw, 0) == CURLUE_OK && raw != nullptr;
    curl_free(raw);
    return present;
}

// Bytes that make libcurl and browsers read a URL differently, or that no
// honest page URL contains: controls, space, DEL and backslash.
bool has_ambiguous_bytes(std::string_view url) {
    return std::any_of(url.begin(), url.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7f || c == '\\';
    });
}

bool is_default_port(std::string_view scheme, std::string_view port) {
    return (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
}

}  // namespace

std::string percent_encode(std::string_view text) {
    if (text.empty()) return {};
    // A null handle is allowed since libcurl 7.82.
    CurlString encoded(curl_easy_escape(nullptr, text.data(), checked_length(text)));
    if (!encoded) throw std::bad_alloc();
    return std::string(encoded.get());
}

std::optional<std::string> percent_decode(std::string_view text) {
    if (text.empty()) return std::string();
    int decoded_length = 0;
    CurlString decoded(
        curl_easy_unescape(nullptr, text.data(), checked_length(text), &decoded_length));
    if (!decoded) throw std::bad_alloc();
    std::string result(decoded.get(), static_cast<std::size_t>(decoded_length));
    if (result.find('\0') != std::string::npos) return std::nullopt;
    return result;
}

std::optional<ParsedUrl> parse_url(std::string_view url) {
    if (url.empty() || url.size() > kMaxParsedUrlLength || has_ambiguous_bytes(url))
        return std::nullopt;
    CurlUrl handle(curl_url());
    if (!handle) throw std::bad_alloc();
    const std::string text(url);  // libcurl wants a NUL-terminated string
    if (curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
        return std::nullopt;

    ParsedUrl parsed;
    CURLU* u = handle.get();
    parsed.scheme = ascii_lower(url_part(u, CURLUPART_SCHEME));
    parsed.host = ascii_lower(url_part(u, CURLUPART_HOST));
    parsed.port = url_part(u, CURLUPART_PORT);
    if (is_default_port(parsed.scheme, parsed.port)) parsed.port.clear();
    parsed.path = url_part(u, CURLUPART_PATH, "/");  // libcurl returns at least "/"
    parsed.query = url_part(u, CURLUPART_QUERY);
    parsed.fragment = url_part(u, CURLUPART_FRAGMENT);
    parsed.has_userinfo = has_part(u, CURLUPART_USER) || has_part(u, CURLUPART_PASSWORD) ||
                          has_part(u, CURLUPART_OPTIONS);
    return parsed;
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
