#include "audit/redact.h"

#include <algorithm>
#include <cctype>

#include "base/url.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

constexpr std::string_view kSensitiveKeyParts[] = {"saml",   "password",      "secret",    "token",
                                                   "cookie", "authorization", "credential"};
// A SAML message is never worth keeping, whatever key carries it. Plain
// "<saml…", or base64 whose text starts with "<sa…" ("PHNhbW": "<samlp:",
// "<saml2p:") or "<?xml" ("PD94bWw"), the two ways a SAMLResponse begins.
constexpr std::string_view kBase64SamlMarkers[] = {"PHNhbW", "PD94bWw"};
constexpr const char* kRedacted = "[redacted]";

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_sensitive_key(std::string_view key) {
    const auto lower = lowercase(key);
    return std::any_of(
        std::begin(kSensitiveKeyParts), std::end(kSensitiveKeyParts),
        [&](std::string_view part) { return lower.find(part) != std::string::npos; });
}

bool carries_saml(std::string_view text) {
    if (lowercase(text).find("<saml") != std::string::npos) return true;
    return std::any_of(std::begin(kBase64SamlMarkers), std::end(kBase64SamlMarkers),
                       [&](std::string_view marker) { return text.find(marker) != text.npos; });
}

bool is_http_url(std::string_view text) {
    const auto lower = lowercase(text.substr(0, 8));
    return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
}

bool is_allowed_parameter(std::string_view name) {
    return std::find(kAllowedQueryParameters.begin(), kAllowedQueryParameters.end(), name) !=
           kAllowedQueryParameters.end();
}

// Keeps allowlisted parameters as they are and replaces every other value.
std::string filter_query(std::string_view query) {
    std::string out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto name = pair.substr(0, pair.find('='));
        if (!out.empty()) out += '&';
        out += is_allowed_parameter(name) ? std::string(pair) : std::string(name) + "=redacted";
    }
    return out;
}

// Cuts at a UTF-8 character boundary so the JSON stays valid.
std::string truncate(std::string text) {
    if (text.size() <= kMaxStringLength) return text;
    std::size_t cut = kMaxStringLength;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "…[truncated]";
}

json redact_value(const json& value, int depth) {
    if (depth > kMaxDepth) return "[redacted: nested too deep]";
    if (value.is_object()) {
        json out = json::object();
        for (const auto& item : value.items())
            if (!is_sensitive_key(item.key()))
                out[item.key()] = redact_value(item.value(), depth + 1);
        return out;
    }
    if (value.is_array()) {
        json out = json::array();
        for (std::size_t i = 0; i < value.size() && i < kMaxArrayItems; ++i)
            out.push_back(redact_value(value[i], depth + 1));
        if (value.size() > kMaxArrayItems)
            out.push_back("[" + std::to_string(value.size() - kMaxArrayItems) + " more]");
        return out;
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (carries_saml(text)) return kRedacted;
        return truncate(is_http_url(text) ? redact_url(text) : text);
    }
    return value;
}

}  // namespace

std::string redact_url(std::string_view text) {
    if (!is_http_url(text)) return std::string(text);
    const auto url = base::parse_url(text);
    if (!url) return "[redacted: not a valid URL]";
    return base::serialize_without_userinfo(*url, filter_query(url->query));
}

nlohmann::json redact(const nlohmann::json& event) { return redact_value(event, 0); }

}  // namespace ccp_relogin::audit
