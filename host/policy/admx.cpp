#include "policy/admx.h"

#include <stdexcept>

#include "base/text.h"
#include "policy/managed_schema.h"
#include "policy/registry_file.h"
#include "policy/xml_text.h"

namespace ccp_relogin::policy {
namespace {

using nlohmann::json;

constexpr const char* kNamespace =
    "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";
constexpr const char* kSupportedOn = "SUPPORTED_CHROMIUM_BROWSERS";
// The configuration file's limit (config/config_file.h): no value is longer.
constexpr const char* kMaxTextLength = "1048576";

// Strings and presentations the ADMX refers to, gathered as it is written.
struct Resources {
    std::string strings;
    std::string presentations;

    void add_string(const std::string& id, const std::string& text) {
        strings += "      <string id=\"" + id + "\">" + xml_escape(text) + "</string>\n";
    }
};

std::string category_of(Vendor vendor) { return vendor == Vendor::kChrome ? "Chrome" : "Edge"; }

// ADMX names: letters, digits and _.
std::string item_name(const std::string& text) {
    std::string name;
    for (const char c : text) name += base::is_ascii_alnum(c) ? c : '_';
    return name;
}

std::string policy_head(const std::string& name, const std::string& key,
                        const std::string& extra_attributes) {
    return "    <policy name=\"" + name + "\" class=\"Machine\" displayName=\"$(string." + name +
           ")\" explainText=\"$(string." + name + "_Explain)\" key=\"" + xml_escape(key) + "\"" +
           extra_attributes + ">\n";
}

std::string policy_place(Vendor vendor) {
    return "      <parentCategory ref=\"" + category_of(vendor) +
           "\"/>\n      <supportedOn ref=\"" + kSupportedOn + "\"/>\n";
}

// A policy that sets fixed string values when enabled.
struct FixedValue {
    std::string key;
    std::string valueName;
    std::string data;
};

std::string fixed_policy(const std::string& name, Vendor vendor,
                         const std::vector<FixedValue>& values) {
    std::string out = policy_head(name, values.front().key, "");
    out += policy_place(vendor);
    out += "      <enabledList>\n";
    for (const auto& value : values)
        out += "        <item key=\"" + xml_escape(value.key) + "\" valueName=\"" +
               xml_escape(value.valueName) + "\"><value><string>" + xml_escape(value.data) +
               "</string></value></item>\n";
    out += "      </enabledList>\n    </policy>\n";
    return out;
}

std::vector<FixedValue> numbered(const std::string& key, const std::vector<std::string>& items) {
    std::vector<FixedValue> values;
    for (std::size_t i = 0; i < items.size(); ++i)
        values.push_back(FixedValue{key, std::to_string(i + 1), items[i]});
    return values;
}

std::string fixed_policies(const BrowserPolicies& policies, Resources& resources) {
    const std::string vendor = std::string(vendor_name(policies.vendor));
    const std::string prefix = category_of(policies.vendor) + "_";
    const std::string key = policy_key(policies.vendor);
    std::string out;
    const auto add = [&](const std::string& policy, const std::vector<FixedValue>& values,
                         const std::string& title, const std::string& explain) {
        const std::string name = prefix + policy;
        out += fixed_policy(name, policies.vendor, values);
        resources.add_string(name, title);
        resources.add_string(name + "_Explain", explain);
    };
    add(kExtensionSettings,
        {FixedValue{key, kExtensionSettings, policies.extensionSettings.dump()}},
        "Force-install ccp-relogin (ExtensionSettings)",
        "Installs the ccp-relogin extension " + policies.extensionId + " in " + vendor +
            " for every user, from " +
            policies.extensionSettings[policies.extensionId].value("update_url", "") +
            ". Replaces ExtensionSettings set elsewhere: if you set it already, merge this "
            "entry into yours instead.");
    add(kNativeMessagingAllowlist,
        numbered(key + "\\" + kNativeMessagingAllowlist, policies.nativeMessagingAllowlist),
        "Allow the ccp-relogin native host (NativeMessagingAllowlist)",
        "Lets " + vendor +
            " start the ccp-relogin host when native hosts are blocked by default "
            "(NativeMessagingBlocklist [\"*\"]). Writes entry 1 of the list.");
    if (!policies.cookiesAllowedForUrls.empty())
        add(kCookiesAllowedForUrls,
            numbered(key + "\\" + kCookiesAllowedForUrls, policies.cookiesAllowedForUrls),
            "Connect cookies inside the custom CCP (CookiesAllowedForUrls)",
            "Lets the Amazon Connect session cookie work inside each custom CCP of the "
            "configuration when " +
                vendor + " blocks third-party cookies. Writes entries 1 to " +
                std::to_string(policies.cookiesAllowedForUrls.size()) + " of the list.");
    return out;
}

// One policy writing one top-level configuration value.
std::string config_policy(const BrowserPolicies& policies, const SchemaProperty& property) {
    const std::string name = category_of(policies.vendor) + "_config_" + item_name(property.name);
    const std::string key = extension_policy_key(policies.vendor, policies.extensionId);
    const std::string value_name = xml_escape(property.name);
    if (property.type == "boolean") {
        std::string out = policy_head(name, key, " valueName=\"" + value_name + "\"");
        out += policy_place(policies.vendor);
        out +=
            "      <enabledValue><decimal value=\"1\"/></enabledValue>\n"
            "      <disabledValue><decimal value=\"0\"/></disabledValue>\n    </policy>\n";
        return out;
    }
    const std::string presentation = "config_" + item_name(property.name);
    std::string out =
        policy_head(name, key, " presentation=\"$(presentation." + presentation + ")\"");
    out += policy_place(policies.vendor);
    out += "      <elements>\n";
    if (property.type == "integer")
        out += "        <decimal id=\"" + item_name(property.name) + "\" valueName=\"" +
               value_name + "\" maxValue=\"2147483647\"/>\n";
    else
        out += "        <text id=\"" + item_name(property.name) + "\" valueName=\"" + value_name +
               "\" maxLength=\"" + kMaxTextLength + "\"/>\n";
    out += "      </elements>\n    </policy>\n";
    return out;
}

// The shared strings and presentation of one configuration property, the
// company's value as the default.
void config_resources(const SchemaProperty& property, const json& config, Resources& resources) {
    const std::string id = "config_" + item_name(property.name);
    const bool is_json = property.type == "object" || property.type == "array";
    const std::string explain =
        property.description +
        (is_json ? " A JSON value, as under \"" + property.name +
                       "\" in the ccp-relogin configuration file."
                 : "") +
        " The default shown is the configuration this template was made from. Sets \"" +
        property.name + "\" in the extension's managed configuration (docs/configuration.md).";
    for (const auto* vendor : {"Chrome", "Edge"}) {
        resources.add_string(std::string(vendor) + "_" + id, "ccp-relogin: " + property.name);
        resources.add_string(std::string(vendor) + "_" + id + "_Explain", explain);
    }
    if (property.type == "boolean") return;
    const auto found = config.find(property.name);
    const bool has_default = found != config.end() && !found->is_null();
    std::string presentation = "      <presentation id=\"" + id + "\">\n";
    const std::string label =
        "<label>" + xml_escape(property.name + (is_json ? " (JSON)" : "")) + "</label>";
    if (property.type == "integer") {
        presentation += "        <decimalTextBox refId=\"" + item_name(property.name) + "\"" +
                        (has_default && found->is_number_integer()
                             ? " defaultValue=\"" + std::to_string(found->get<long long>()) + "\""
                             : std::string()) +
                        ">" + xml_escape(property.name) + "</decimalTextBox>\n";
    } else {
        presentation += "        <textBox refId=\"" + item_name(property.name) + "\">" + label;
        if (has_default)
            presentation +=
                "<defaultValue>" +
                xml_escape(found->is_string() ? found->get<std::string>() : found->dump()) +
                "</defaultValue>";
        presentation += "</textBox>\n";
    }
    presentation += "      </presentation>\n";
    resources.presentations += presentation;
}

std::string admx_text(const std::vector<BrowserPolicies>& browsers, const std::string& policies) {
    const std::string& id = browsers.front().extensionId;
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += "<!-- ccp-relogin browser policies for extension " + id +
           ", written by ccp-relogin policy, format admx (docs/rollout.md, 5. The browser policy). "
           "-->\n";
    out +=
        "<policyDefinitions xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" revision=\"1.0\" "
        "schemaVersion=\"1.0\" xmlns=\"" +
        std::string(kNamespace) + "\">\n";
    out +=
        "  <policyNamespaces>\n    <target prefix=\"ccprelogin\" namespace=\"CcpRelogin.Policies." +
        id + "\"/>\n  </policyNamespaces>\n";
    out += "  <resources minRequiredRevision=\"1.0\"/>\n";
    out += "  <supportedOn>\n    <definitions>\n      <definition name=\"" +
           std::string(kSupportedOn) + "\" displayName=\"$(string." + kSupportedOn +
           ")\"/>\n    </definitions>\n  </supportedOn>\n";
    out +=
        "  <categories>\n    <category name=\"ccp_relogin\" "
        "displayName=\"$(string.ccp_relogin)\"/>\n";
    for (const auto& policies : browsers)
        out += "    <category name=\"" + category_of(policies.vendor) +
               "\" displayName=\"$(string." + category_of(policies.vendor) +
               ")\"><parentCategory ref=\"ccp_relogin\"/></category>\n";
    out += "  </categories>\n  <policies>\n" + policies + "  </policies>\n</policyDefinitions>\n";
    return out;
}

std::string adml_text(const Resources& resources) {
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out +=
        "<policyDefinitionResources xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" revision=\"1.0\" "
        "schemaVersion=\"1.0\" xmlns=\"" +
        std::string(kNamespace) + "\">\n";
    out += "  <displayName>ccp-relogin</displayName>\n";
    out +=
        "  <description>ccp-relogin: signs Amazon Connect agents in again through Microsoft "
        "Entra ID.</description>\n";
    out += "  <resources>\n    <stringTable>\n" + resources.strings + "    </stringTable>\n";
    out += "    <presentationTable>\n" + resources.presentations + "    </presentationTable>\n";
    out += "  </resources>\n</policyDefinitionResources>\n";
    return out;
}

}  // namespace

AdmxFiles build_admx(const std::vector<BrowserPolicies>& browsers, const json& schema) {
    if (browsers.empty()) throw std::invalid_argument("no browser to write policies for");
    Resources resources;
    resources.add_string("ccp_relogin", "ccp-relogin");
    resources.add_string(kSupportedOn, "Google Chrome and Microsoft Edge");
    std::vector<SchemaProperty> properties;
    for (auto& property : top_level_properties(schema))
        if (!is_files_only_key(property.name)) properties.push_back(std::move(property));
    std::string policies;
    for (const auto& browser : browsers) {
        resources.add_string(category_of(browser.vendor), std::string(vendor_name(browser.vendor)));
        policies += fixed_policies(browser, resources);
        for (const auto& property : properties) policies += config_policy(browser, property);
    }
    for (const auto& property : properties)
        config_resources(property, browsers.front().extensionConfig, resources);
    return AdmxFiles{admx_text(browsers, policies), adml_text(resources)};
}

}  // namespace ccp_relogin::policy
