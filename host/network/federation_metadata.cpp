#include "network/federation_metadata.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

#include "base/url.h"

namespace ccp_relogin::network {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local_name(std::string_view qualified) {
    const auto colon = qualified.rfind(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// One piece of markup starting at a '<'.
struct Tag {
    enum class Kind { kStart, kEnd, kOther } kind = Kind::kOther;
    std::string_view name;        // local name, for start and end tags
    std::string_view attributes;  // start tags: the text after the name
    bool self_closing = false;
    std::size_t end = 0;  // index just past the markup
};

// nullopt when the markup is not terminated (truncated document).
std::optional<Tag> read_tag(std::string_view xml, std::size_t at) {
    auto skip_to = [&](std::string_view terminator) -> std::optional<Tag> {
        const auto found = xml.find(terminator, at);
        if (found == std::string_view::npos) return std::nullopt;
        return Tag{Tag::Kind::kOther, {}, {}, false, found + terminator.size()};
    };
    const std::string_view rest = xml.substr(at);
    if (rest.starts_with("<!--")) return skip_to("-->");
    if (rest.starts_with("<![CDATA[")) return skip_to("]]>");
    if (rest.starts_with("<?")) return skip_to("?>");
    if (rest.starts_with("<!")) return skip_to(">");
    const bool end_tag = rest.starts_with("</");
    std::size_t i = at + (end_tag ? 2 : 1);
    const std::size_t name_start = i;
    while (i < xml.size() && !is_space(xml[i]) && xml[i] != '>' && xml[i] != '/') ++i;
    Tag tag;
    tag.kind = end_tag ? Tag::Kind::kEnd : Tag::Kind::kStart;
    tag.name = local_name(xml.substr(name_start, i - name_start));
    const std::size_t attributes_start = i;
    char quote = 0;
    for (; i < xml.size(); ++i) {
        const char c = xml[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        }
    }
    if (i >= xml.size()) return std::nullopt;
    tag.self_closing = !end_tag && i > attributes_start && xml[i - 1] == '/';
    tag.attributes = xml.substr(attributes_start, i - attributes_start);
    tag.end = i + 1;
    return tag;
}

// The value of attribute `name` (local name) in a start tag's attribute text.
std::optional<std::string_view> attribute(std::string_view text, std::string_view name) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (is_space(text[i]) || text[i] == '/')) ++i;
        const std::size_t name_start = i;
        while (i < text.size() && !is_space(text[i]) && text[i] != '=') ++i;
        const auto found = local_name(text.substr(name_start, i - name_start));
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || text[i] != '=') return std::nullopt;
        ++i;
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return std::nullopt;
        const char quote = text[i++];
        const auto close = text.find(quote, i);
        if (close == std::string_view::npos) return std::nullopt;
        if (found == name) return text.substr(i, close - i);
        i = close + 1;
    }
    return std::nullopt;
}

std::string without_whitespace(std::string_view text) {
    std::string out;
    for (char c : text)
        if (!is_space(c)) out += c;
    return out;
}

// Where the scan is: the depths at which the interesting elements were
// opened (kOutside: not inside one). Plain ints, not std::optional: GCC 12
// reports false "maybe uninitialized" errors for the optional version.
constexpr int kOutside = std::numeric_limits<int>::min();

struct Scan {
    int depth = 0;
    int idp = kOutside;                         // inside <IDPSSODescriptor>
    int signing_key = kOutside;                 // inside a signing <KeyDescriptor> within it
    std::size_t cert = std::string_view::npos;  // where an <X509Certificate>'s text begins
    bool saw_idp = false;
    bool cut_short = false;
};

}  // namespace

std::string metadata_url(const config::Entra& entra) {
    return "https://login.microsoftonline.com/" + base::percent_encode(entra.tenantId) +
           "/federationmetadata/2007-06/federationmetadata.xml?appid=" +
           base::percent_encode(entra.appId);
}

MetadataCertificates idp_signing_certificates(std::string_view xml) {
    MetadataCertificates found;
    if (xml.size() > kMaxMetadataBytes) {
        found.problem =
            "the metadata is larger than " + std::to_string(kMaxMetadataBytes) + " bytes";
        return found;
    }
    Scan scan;
    std::size_t at = xml.find('<');
    while (at != std::string_view::npos && found.base64.size() < kMaxCertificates) {
        const auto tag = read_tag(xml, at);
        if (!tag) break;
        if (tag->kind == Tag::Kind::kStart) {
            scan.cert = std::string_view::npos;  // markup inside a certificate: not one
            if (tag->name == "IDPSSODescriptor" && scan.idp == kOutside && !tag->self_closing) {
                scan.idp = scan.depth;
                scan.saw_idp = true;
            } else if (tag->name == "KeyDescriptor" && scan.idp != kOutside &&
                       scan.signing_key == kOutside && !tag->self_closing) {
                const auto use = attribute(tag->attributes, "use");
                if (!use || *use == "signing") scan.signing_key = scan.depth;
            } else if (tag->name == "X509Certificate" && scan.signing_key != kOutside &&
                       !tag->self_closing) {
                scan.cert = tag->end;
            }
            if (!tag->self_closing) ++scan.depth;
        } else if (tag->kind == Tag::Kind::kEnd) {
            --scan.depth;
            if (scan.cert != std::string_view::npos && tag->name == "X509Certificate") {
                const auto text = without_whitespace(xml.substr(scan.cert, at - scan.cert));
                if (text.size() > kMaxCertificateChars)
                    scan.cut_short = true;
                else if (!text.empty() && std::find(found.base64.begin(), found.base64.end(),
                                                    text) == found.base64.end())
                    found.base64.push_back(text);
            }
            scan.cert = std::string_view::npos;
            if (scan.signing_key != kOutside && scan.depth <= scan.signing_key)
                scan.signing_key = kOutside;
            if (scan.idp != kOutside && scan.depth <= scan.idp) scan.idp = kOutside;
        }
        at = xml.find('<', tag->end);
    }
    if (!found.base64.empty()) return found;
    if (!scan.saw_idp)
        found.problem =
            "the answer is not SAML metadata of an identity provider (no IDPSSODescriptor)";
    else if (scan.cut_short)
        found.problem = "its signing certificate is larger than " +
                        std::to_string(kMaxCertificateChars) + " characters";
    else
        found.problem = "the metadata lists no signing certificate";
    return found;
}

}  // namespace ccp_relogin::network
