#include "policy/browser_policies.h"

#include <stdexcept>

#include "base/extension_id.h"
#include "base/text.h"
#include "base/url.h"
#include "federation/cookie_policy.h"
#include "platform/host_identity.h"
#include "policy/extension_hosts.h"

namespace ccp_relogin::policy {
namespace {

using nlohmann::json;

// `value` with only what `node` (a schema node) declares; throws naming
// `path` for a key it does not. A null is left out and its path added to
// `nulls`: no managed-schema type admits one, so Chromium would drop the
// value anyway (docs/facts.md, "Policies"); left out, every format says
// the same (the files' value or the default applies).
json keep_declared(const json& value, const json& node, const std::string& path,
                   std::vector<std::string>& nulls) {
    if (value.is_object()) {
        const json properties = node.value("properties", json::object());
        json kept = json::object();
        for (const auto& [key, child] : value.items()) {
            const std::string child_path = path.empty() ? key : path + "." + key;
            if (child.is_null()) {
                nulls.push_back(child_path);
                continue;
            }
            if (!properties.contains(key))
                throw std::invalid_argument(child_path +
                                            " is not in the extension's managed schema");
            kept[key] = keep_declared(child, properties[key], child_path, nulls);
        }
        return kept;
    }
    if (value.is_array() && node.contains("items")) {
        json kept = json::array();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string item_path = path + "[" + std::to_string(i) + "]";
            if (value[i].is_null()) {
                nulls.push_back(item_path);
                continue;
            }
            kept.push_back(keep_declared(value[i], node["items"], item_path, nulls));
        }
        return kept;
    }
    return value;
}

}  // namespace

bool is_files_only_key(std::string_view key) {
    for (const auto files_key : kFilesOnlyKeys)
        if (key == files_key) return true;
    return false;
}

std::string_view vendor_name(Vendor vendor) {
    return vendor == Vendor::kChrome ? "Google Chrome" : "Microsoft Edge";
}

std::string_view store_update_url(Vendor vendor) {
    // docs/facts.md, "Policies": the Chrome Web Store's and Edge Add-ons'
    // update URLs.
    return vendor == Vendor::kChrome ? "https://clients2.google.com/service/update2/crx"
                                     : "https://edge.microsoft.com/extensionwebstorebase/v1/crx";
}

json extension_configuration(const json& document, const json& schema,
                             std::vector<std::string>* nulls_left_out) {
    if (!document.is_object()) return json::object();
    json config = document;
    for (const auto key : kFilesOnlyKeys) config.erase(std::string(key));
    std::vector<std::string> nulls;
    json kept = keep_declared(config, schema, "", nulls);
    if (nulls_left_out) *nulls_left_out = std::move(nulls);
    return kept;
}

BrowserPolicies build_browser_policies(Vendor vendor, const PolicyInput& input) {
    if (!base::is_extension_id(input.extensionId))
        throw std::invalid_argument("--extension-id must be 32 letters a-p, not \"" +
                                    base::printable_ascii(input.extensionId.substr(0, 64)) + "\"");
    const std::string update_url =
        input.updateUrl ? *input.updateUrl : std::string(store_update_url(vendor));
    if (const auto problem = base::https_url_problem(update_url))
        throw std::invalid_argument("--update-url: " + *problem);
    BrowserPolicies policies;
    policies.vendor = vendor;
    policies.extensionId = input.extensionId;
    policies.extensionSettings = json::object();
    if (input.runtimeAllowedHosts.empty())
        throw std::invalid_argument("no host for runtime_allowed_hosts");
    policies.extensionSettings[input.extensionId] = {
        {"installation_mode", "force_installed"},
        {"update_url", update_url},
        {"runtime_blocked_hosts", json::array({kEveryHost})},
        {"runtime_allowed_hosts", input.runtimeAllowedHosts}};
    policies.nativeMessagingAllowlist = {std::string(platform::kHostName)};
    policies.cookiesAllowedForUrls = input.cookiesAllowedForUrls;
    policies.extensionConfig = input.extensionConfig;
    return policies;
}

PolicyInput policy_input(const json& document, const config::Config& config, const json& schema,
                         std::string extension_id, std::optional<std::string> update_url) {
    PolicyInput input;
    input.extensionId = std::move(extension_id);
    input.updateUrl = std::move(update_url);
    input.extensionConfig = extension_configuration(document, schema, &input.nullsLeftOut);
    input.cookiesAllowedForUrls = federation::cookies_allowed_for_urls(config);
    input.runtimeAllowedHosts = runtime_allowed_hosts(config);
    return input;
}

}  // namespace ccp_relogin::policy
