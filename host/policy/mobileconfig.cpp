#include "policy/mobileconfig.h"

#include <algorithm>
#include <stdexcept>

#include "base/sha256.h"
#include "policy/xml_text.h"

namespace ccp_relogin::policy {
namespace {

using nlohmann::json;

struct Writer {
    std::string out;
    std::vector<std::string> leftOut;

    void line(int depth, const std::string& text) {
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        out += text + "\n";
    }
    void key(int depth, const std::string& name) {
        line(depth, "<key>" + xml_escape(name) + "</key>");
    }
    void string(int depth, const std::string& text) {
        line(depth, "<string>" + xml_escape(text) + "</string>");
    }

    // A JSON value as a property-list value; `path` names it in leftOut.
    void value(int depth, const json& v, const std::string& path) {
        if (v.is_object()) {
            line(depth, "<dict>");
            for (const auto& [name, child] : v.items()) {
                const std::string child_path = path.empty() ? name : path + "." + name;
                if (child.is_null()) {
                    leftOut.push_back(child_path);
                    continue;
                }
                key(depth + 1, name);
                value(depth + 1, child, child_path);
            }
            line(depth, "</dict>");
        } else if (v.is_array()) {
            line(depth, "<array>");
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string child_path = path + "[" + std::to_string(i) + "]";
                if (v[i].is_null()) {
                    leftOut.push_back(child_path);
                    continue;
                }
                value(depth + 1, v[i], child_path);
            }
            line(depth, "</array>");
        } else if (v.is_boolean()) {
            line(depth, v.get<bool>() ? "<true/>" : "<false/>");
        } else if (v.is_number_integer()) {
            line(depth, "<integer>" + v.dump() + "</integer>");
        } else if (v.is_number()) {
            line(depth, "<real>" + v.dump() + "</real>");
        } else if (v.is_string()) {
            string(depth, v.get<std::string>());
        } else {
            throw std::invalid_argument(path + " can't be written to a property list");
        }
    }
};

// A UUID made from `seed` (RFC 9562 version 8: the layout of a UUID, the
// bits of a hash): the same seed, the same payload.
std::string uuid_from(const std::string& seed) {
    const std::string hex = base::sha256_hex(seed);
    std::string digits = hex.substr(0, 32);
    digits[12] = '8';
    digits[16] = "89ab"[std::stoi(digits.substr(16, 1), nullptr, 16) & 3];
    return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" +
           digits.substr(16, 4) + "-" + digits.substr(20, 12);
}

// One managed-preferences domain, Forced.
void forced_domain(Writer& w, int depth, const std::string& domain, const json& settings,
                   const std::string& path) {
    w.key(depth, domain);
    w.line(depth, "<dict>");
    w.key(depth + 1, "Forced");
    w.line(depth + 1, "<array>");
    w.line(depth + 2, "<dict>");
    w.key(depth + 3, "mcx_preference_settings");
    w.value(depth + 3, settings, path);
    w.line(depth + 2, "</dict>");
    w.line(depth + 1, "</array>");
    w.line(depth, "</dict>");
}

json browser_settings(const BrowserPolicies& policies) {
    json settings = {{kExtensionSettings, policies.extensionSettings},
                     {kNativeMessagingAllowlist, policies.nativeMessagingAllowlist}};
    if (!policies.cookiesAllowedForUrls.empty())
        settings[kCookiesAllowedForUrls] = policies.cookiesAllowedForUrls;
    return settings;
}

void payload_keys(Writer& w, int depth, const std::string& display_name,
                  const std::string& identifier, const std::string& type) {
    w.key(depth, "PayloadDisplayName");
    w.string(depth, display_name);
    w.key(depth, "PayloadIdentifier");
    w.string(depth, identifier);
    w.key(depth, "PayloadType");
    w.string(depth, type);
    w.key(depth, "PayloadUUID");
    w.string(depth, uuid_from(identifier));
    w.key(depth, "PayloadVersion");
    w.line(depth, "<integer>1</integer>");
}

void browser_payload(Writer& w, const BrowserPolicies& policies, const std::string& profile_id) {
    const std::string domain = preference_domain(policies.vendor);
    w.line(2, "<dict>");
    w.key(3, "PayloadContent");
    w.line(3, "<dict>");
    forced_domain(w, 4, domain, browser_settings(policies), "");
    forced_domain(w, 4, domain + ".extensions." + policies.extensionId, policies.extensionConfig,
                  "");
    w.line(3, "</dict>");
    payload_keys(w, 3, "ccp-relogin: " + std::string(vendor_name(policies.vendor)),
                 profile_id + "." + domain, "com.apple.ManagedClient.preferences");
    w.line(2, "</dict>");
}

}  // namespace

std::string preference_domain(Vendor vendor) {
    return vendor == Vendor::kChrome ? "com.google.Chrome" : "com.microsoft.Edge";
}

Mobileconfig build_mobileconfig(const std::vector<BrowserPolicies>& browsers) {
    if (browsers.empty()) throw std::invalid_argument("no browser to write policies for");
    const std::string profile_id = "com.ccp_relogin.policy." + browsers.front().extensionId;
    Writer w;
    w.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.line(0,
           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
           "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">");
    w.line(0, "<plist version=\"1.0\">");
    w.line(0, "<dict>");
    w.key(1, "PayloadContent");
    w.line(1, "<array>");
    for (const auto& policies : browsers) browser_payload(w, policies, profile_id);
    w.line(1, "</array>");
    w.key(1, "PayloadDescription");
    w.string(1,
             "Installs the ccp-relogin extension in Google Chrome and Microsoft Edge and "
             "gives it the company's configuration.");
    w.key(1, "PayloadScope");
    w.string(1, "System");
    payload_keys(w, 1, "ccp-relogin browser policies", profile_id, "Configuration");
    w.line(0, "</dict>");
    w.line(0, "</plist>");
    // The same null is left out once per browser; name it once.
    std::vector<std::string> once;
    for (auto& path : w.leftOut)
        if (std::find(once.begin(), once.end(), path) == once.end())
            once.push_back(std::move(path));
    return Mobileconfig{std::move(w.out), std::move(once)};
}

}  // namespace ccp_relogin::policy
