#include "audit/redact.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "base/text.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

// A SAML message is never worth keeping, whatever key carries it. Plain
// "<saml…", or base64 whose text starts with "<sa…" ("PHNhbW": "<samlp:",
// "<saml2p:") or "<?xml" ("PD94bWw"), the two ways a SAMLResponse begins.
constexpr std::string_view kBase64SamlMarkers[] = {"PHNhbW", "PD94bWw"};
constexpr const char* kRedacted = "[redacted]";

bool carries_saml(std::string_view text) {
    if (base::ascii_lower(text).find("<saml") != std::string::npos) return true;
    return std::any_of(std::begin(kBase64SamlMarkers), std::end(kBase64SamlMarkers),
                       [&](std::string_view marker) { return text.find(marker) != text.npos; });
}

// Cuts at a UTF-8 character boundary so the JSON stays valid.
std::string truncate(std::string text) {
    if (text.size() <= kMaxStringLength) return text;
    std::size_t cut = kMaxStringLength;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "…[truncated]";
}

// One pass of the rules reads each word as it was written, but a rule can
// rewrite part of a word so that what is left reads differently: glued
// pieces ("x&https://…?destination=%2Fccp…X-Api-Key:hunter2" loses the URL's
// query and leaves a label whose value the next pass takes), or a cut
// ("https://x.e…[truncated]" is no valid URL). So the result is read again
// until a pass changes nothing, which makes redacting twice the same as
// redacting once; in practice it settles within
// three (tests/host/unit/audit_redact_text_test.cpp generates glued input).
// Text that has not settled after kMaxRedactionPasses goes whole. Cut after
// redacting: a cut secret could pass for something else.
std::string redact_string(std::string_view text) {
    auto out = truncate(redact_text(text));
    for (int pass = 1; pass < kMaxRedactionPasses; ++pass) {
        auto again = truncate(redact_text(out));
        if (again == out) return out;
        out = std::move(again);
    }
    return kRedacted;
}

json redact_value(const json& value, int depth) {
    if (depth > kMaxDepth) return "[redacted: nested too deep]";
    if (value.is_object()) {
        json out = json::object();
        for (const auto& item : value.items())
            if (!is_sensitive_name(item.key()))
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
        return redact_string(text);
    }
    return value;
}

}  // namespace

nlohmann::json redact(const nlohmann::json& event) { return redact_value(event, 0); }

}  // namespace ccp_relogin::audit
