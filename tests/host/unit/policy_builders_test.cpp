// host/policy/: the browser policies `ccp-relogin policy` prints, built from
// the extension's managed schema and the company's configuration. Each
// format is read back and its extension configuration checked against the
// host's validator and the schema's keys.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/build.h"
#include "config/validate.h"
#include "policy/admx.h"
#include "policy/browser_policies.h"
#include "policy/extension_hosts.h"
#include "policy/linux_policy.h"
#include "policy/managed_schema.h"
#include "policy/mobileconfig.h"
#include "policy/registry_file.h"
#include "policy/xml_text.h"
#include "policy_test_support.h"
#include "support/repo_files.h"

namespace ccp_relogin::policy {
namespace {

using nlohmann::json;
using testing::kPolicyExtensionId;

json schema_on_disk() {
    return json::parse(testing::read_repo_file("extension/managed_schema.json"));
}

PolicyInput input_for(const json& document, std::optional<std::string> update_url = std::nullopt) {
    const auto valid = config::validate_config_json(document, "test");
    EXPECT_TRUE(valid.problems.empty());
    return policy_input(valid.valid, config::build_config(valid.valid), managed_schema(),
                        kPolicyExtensionId, std::move(update_url));
}

std::vector<BrowserPolicies> both(const PolicyInput& input) {
    return {build_browser_policies(Vendor::kChrome, input),
            build_browser_policies(Vendor::kEdge, input)};
}

// The host accepts it as a configuration document, and every key is one the
// extension's schema declares, at every level.
void expect_valid_extension_config(const json& config, const std::string& where) {
    const auto result = config::validate_config_json(config, where);
    for (const auto& problem : result.problems)
        ADD_FAILURE() << where << ": " << problem.path << ": " << problem.reason;
    EXPECT_NO_THROW(extension_configuration(config, schema_on_disk())) << where;
    EXPECT_FALSE(config.contains("browserPolicy")) << where;
    EXPECT_FALSE(config.contains("allowedExtensionIds")) << where;
    EXPECT_EQ(config["profiles"].size(), 2u) << where;
}

TEST(PolicyManagedSchema, IsTheExtensionsFileAsBuilt) {
    EXPECT_EQ(managed_schema(), schema_on_disk());
    std::vector<std::string> names;
    for (const auto& property : top_level_properties(managed_schema()))
        names.push_back(property.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"allowedExtensionIds", "audit", "browserPolicy",
                                        "detection", "guard", "profiles", "relogin", "session"}));
}

TEST(PolicyExtensionConfiguration, KeepsTheDocumentButFilesOnlyKeys) {
    json doc = testing::valid_config_document();
    doc["browserPolicy"] = {{"mayLoosenGuard", true}};
    const json config = extension_configuration(doc, managed_schema());
    json expected = testing::valid_config_document();
    expected["audit"] = json::object();     // its null left out (PolicyNulls)
    expected.erase("allowedExtensionIds");  // files only
    EXPECT_EQ(config, expected);
}

TEST(PolicyExtensionConfiguration, RefusesAKeyTheSchemaDoesNotDeclare) {
    json schema = managed_schema();
    schema["properties"]["relogin"]["properties"].erase("mode");
    try {
        extension_configuration(testing::valid_config_document(), schema);
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "relogin.mode is not in the extension's managed schema");
    }
    schema = managed_schema();
    schema["properties"]["profiles"]["items"]["properties"]["instance"]["properties"].erase(
        "alias");
    try {
        extension_configuration(testing::valid_config_document(), schema);
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()),
                  "profiles[0].instance.alias is not in the extension's managed schema");
    }
}

TEST(PolicyBrowserPolicies, ForceInstallsFromEachStoreByDefault) {
    const auto input = input_for(testing::valid_config_document());
    const auto chrome = build_browser_policies(Vendor::kChrome, input);
    const auto edge = build_browser_policies(Vendor::kEdge, input);
    EXPECT_EQ(chrome.extensionSettings, json::parse(R"({"abcdefghijklmnopabcdefghijklmnop": {
                  "installation_mode": "force_installed",
                  "update_url": "https://clients2.google.com/service/update2/crx",
                  "runtime_blocked_hosts": ["*://*"],
                  "runtime_allowed_hosts": [
                    "https://login.microsoftonline.com", "https://login.microsoftonline.us",
                    "https://login.microsoft.com", "https://launcher.myapps.microsoft.com",
                    "https://myapps.microsoft.com", "https://signin.aws.amazon.com",
                    "https://*.signin.aws.amazon.com", "https://signin.amazonaws-us-gov.com",
                    "https://*.sign-in.connect.aws", "https://*.console.aws.amazon.com",
                    "https://console.amazonaws-us-gov.com",
                    "https://acme.my.connect.aws", "https://agents.example.com"]}})"));
    EXPECT_EQ(edge.extensionSettings[kPolicyExtensionId]["update_url"],
              "https://edge.microsoft.com/extensionwebstorebase/v1/crx");
    EXPECT_EQ(chrome.nativeMessagingAllowlist, std::vector<std::string>{"com.ccp_relogin.host"});
}

TEST(PolicyBrowserPolicies, TakesTheGivenUpdateUrlForBoth) {
    const auto input =
        input_for(testing::valid_config_document(), "https://intranet.example.com/ccp/update.xml");
    for (const auto& policies : both(input))
        EXPECT_EQ(policies.extensionSettings[kPolicyExtensionId]["update_url"],
                  "https://intranet.example.com/ccp/update.xml");
}

TEST(PolicyBrowserPolicies, RefusesABadIdOrUpdateUrl) {
    auto input = input_for(testing::valid_config_document());
    for (const char* id : {"", "abcdefghijklmnopabcdefghijklmnoq",
                           "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", "abcdefghijklmnopabcdefghijklmno"}) {
        input.extensionId = id;
        EXPECT_THROW(build_browser_policies(Vendor::kChrome, input), std::invalid_argument) << id;
    }
    input.extensionId = kPolicyExtensionId;
    for (const char* url : {"http://intranet.example.com/update.xml", "update.xml",
                            "https://user:pw@intranet.example.com/u.xml"}) {
        input.updateUrl = url;
        EXPECT_THROW(build_browser_policies(Vendor::kEdge, input), std::invalid_argument) << url;
    }
}

// The sign-in hosts the policy allows are the hosts the manifest's sign-in
// content script runs on: a new sign-in host in the manifest that the
// policy still blocked would stop error detection there only where the
// extension is force-installed.
TEST(PolicyExtensionHosts, SignInHostsAreTheManifestsSignInContentScriptHosts) {
    const json manifest = json::parse(testing::read_repo_file("extension/manifest.json"));
    std::vector<std::string> manifest_hosts;
    for (const auto& script : manifest["content_scripts"]) {
        for (const auto& match : script["matches"]) {
            const std::string pattern = match.get<std::string>();
            // Every Connect instance: the policy names the company's own.
            if (pattern == "https://*.my.connect.aws/*" ||
                pattern == "https://*.awsapps.com/connect/*")
                continue;
            ASSERT_EQ(pattern.rfind("https://", 0), 0u) << pattern;
            manifest_hosts.push_back(pattern.substr(8, pattern.find('/', 8) - 8));
        }
    }
    EXPECT_EQ(manifest_hosts, sign_in_host_patterns());
}

TEST(PolicyExtensionHosts, EachInstanceAndReturnToOriginOnceWithItsPort) {
    const auto document = testing::two_custom_ccp_config();
    const auto hosts = runtime_allowed_hosts(config::build_config(document));
    const auto sign_in = sign_in_host_patterns().size();
    ASSERT_EQ(hosts.size(), sign_in + 5);
    EXPECT_EQ(
        std::vector<std::string>(hosts.begin() + static_cast<long>(sign_in), hosts.end()),
        (std::vector<std::string>{"https://acme.my.connect.aws", "https://agents.example.com",
                                  "https://ccp.example.org:8443", "https://acme-old.awsapps.com",
                                  "https://supervisors.example.net"}))
        << "the second profile's agents.example.com is not repeated";
}

TEST(PolicyExtensionHosts, RefusesMoreThanChromiumKeeps) {
    json document = testing::valid_config_document();
    json return_to = json::array();
    for (int i = 0; i < 100; ++i)
        return_to.push_back("https://ccp" + std::to_string(i) + ".example.com/");
    document["profiles"][0]["returnTo"] = return_to;
    try {
        runtime_allowed_hosts(config::build_config(document));
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("only the first 100"), std::string::npos) << e.what();
    }
}

TEST(PolicyBrowserPolicies, CookiePairsForTwoProfilesWithTwoOriginsEach) {
    const auto input = input_for(testing::two_custom_ccp_config());
    EXPECT_EQ(input.cookiesAllowedForUrls, testing::two_custom_ccp_cookie_entries());
    for (const auto& policies : both(input))
        EXPECT_EQ(linux_policy_json(policies)[kCookiesAllowedForUrls],
                  json(testing::two_custom_ccp_cookie_entries()));
}

TEST(PolicyLinux, CarriesEveryPolicyAndTheConfigurationUnder3rdparty) {
    const auto doc = testing::two_custom_ccp_config();
    const json file = linux_policy_json(build_browser_policies(Vendor::kChrome, input_for(doc)));
    EXPECT_EQ(file.size(), 4u) << file.dump(2);
    expect_valid_extension_config(file["3rdparty"]["extensions"][kPolicyExtensionId], "linux");
    json expected = doc;
    expected["audit"] = json::object();     // its null left out (PolicyNulls)
    expected.erase("allowedExtensionIds");  // files only
    EXPECT_EQ(file["3rdparty"]["extensions"][kPolicyExtensionId], expected);
    EXPECT_EQ(file["NativeMessagingAllowlist"], json::array({"com.ccp_relogin.host"}));
}

TEST(PolicyLinux, LeavesOutCookiesWithoutACustomCcp) {
    json doc = testing::valid_config_document();
    doc["profiles"][0].erase("returnTo");
    const json file = linux_policy_json(build_browser_policies(Vendor::kEdge, input_for(doc)));
    EXPECT_FALSE(file.contains(kCookiesAllowedForUrls));
}

TEST(PolicyRegistry, ReadsBackAsChromeAndEdgeWouldImportIt) {
    const auto doc = testing::two_custom_ccp_config();
    const auto text = registry_file(both(input_for(doc)));
    const auto import = testing::parse_registry_file(text);
    EXPECT_EQ(import.header, "Windows Registry Editor Version 5.00");
    for (const auto vendor : kVendors) {
        const std::string hklm = "HKEY_LOCAL_MACHINE\\";
        const std::string key = hklm + policy_key(vendor);
        ASSERT_TRUE(import.keys.count(key)) << key;
        const json settings = json::parse(import.keys.at(key).at("ExtensionSettings"));
        EXPECT_EQ(settings[kPolicyExtensionId]["installation_mode"], "force_installed");
        EXPECT_EQ(settings[kPolicyExtensionId]["update_url"], store_update_url(vendor));
        EXPECT_EQ(import.keys.at(key + "\\NativeMessagingAllowlist"),
                  (std::map<std::string, std::string>{{"1", "com.ccp_relogin.host"}}));
        std::map<std::string, std::string> cookies;
        const auto entries = testing::two_custom_ccp_cookie_entries();
        for (std::size_t i = 0; i < entries.size(); ++i)
            cookies[std::to_string(i + 1)] = entries[i];
        EXPECT_EQ(import.keys.at(key + "\\CookiesAllowedForUrls"), cookies);
        // Each top-level key one REG_SZ of JSON, as Chrome reads a dictionary
        // or list policy of an extension.
        const std::string extension_key = hklm + extension_policy_key(vendor, kPolicyExtensionId);
        ASSERT_TRUE(import.keys.count(extension_key)) << extension_key;
        json config = json::object();
        for (const auto& [name, data] : import.keys.at(extension_key)) {
            EXPECT_FALSE(import.dwords.count(extension_key + "|" + name)) << name;
            config[name] = json::parse(data);
        }
        // audit.forwardUrl's null is left out (PolicyNulls), its object kept.
        json without_null = doc;
        without_null["audit"] = json::object();
        without_null.erase("allowedExtensionIds");  // files only
        EXPECT_EQ(config, without_null);
        expect_valid_extension_config(config, "reg");
    }
    // In the order given: Chrome, then Edge.
    EXPECT_LT(text.find("Google\\Chrome"), text.find("Microsoft\\Edge"));
}

TEST(PolicyRegistry, DeletesTheExtensionKeyBeforeWritingIt) {
    const auto text = registry_file(
        {build_browser_policies(Vendor::kChrome, input_for(testing::valid_config_document()))});
    const std::string key =
        "HKEY_LOCAL_MACHINE\\" + extension_policy_key(Vendor::kChrome, kPolicyExtensionId);
    const auto deleted = text.find("[-" + key + "]\r\n[" + key + "]\r\n");
    EXPECT_NE(deleted, std::string::npos) << text;
}

TEST(PolicyRegistry, WritesIntegersAndBooleansAsDwordAndKeepsItAscii) {
    PolicyInput input = input_for(testing::valid_config_document());
    input.extensionConfig = {{"flag", true},
                             {"count", 300},
                             {"name", "x\"y\\z"},
                             {"phrases", {"Sitzung abgelaufen", "Séance expirée"}}};
    const auto text = registry_file({build_browser_policies(Vendor::kChrome, input)});
    for (const char c : text) EXPECT_TRUE(c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f));
    const auto import = testing::parse_registry_file(text);
    const auto& values = import.keys.at("HKEY_LOCAL_MACHINE\\" +
                                        extension_policy_key(Vendor::kChrome, kPolicyExtensionId));
    EXPECT_EQ(values.at("flag"), "1");
    EXPECT_EQ(values.at("count"), "300");
    EXPECT_EQ(values.at("name"), "x\"y\\z");
    EXPECT_EQ(json::parse(values.at("phrases")), json({"Sitzung abgelaufen", "Séance expirée"}));
    input.extensionConfig = {{"name", "Séance"}};
    EXPECT_THROW(registry_file({build_browser_policies(Vendor::kChrome, input)}),
                 std::invalid_argument);
}

TEST(PolicyXml, EscapesMarkupAndRefusesWhatXmlCantHold) {
    EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    EXPECT_EQ(xml_escape("Séance\texpirée\n"), "Séance\texpirée\n");
    EXPECT_THROW(xml_escape(std::string("a\x01", 2)), std::invalid_argument);
    EXPECT_THROW(xml_escape("\xff"), std::invalid_argument);
    EXPECT_THROW(xml_escape("\xc3"), std::invalid_argument);
}

TEST(PolicyAdmx, OnePolicyPerSchemaPropertyAndBrowser) {
    const auto files =
        build_admx(both(input_for(testing::two_custom_ccp_config())), managed_schema());
    for (const auto& property : top_level_properties(managed_schema())) {
        for (const std::string vendor : {"Chrome", "Edge"}) {
            const std::string name = "name=\"" + vendor + "_config_" + property.name + "\"";
            if (property.name == "browserPolicy" || property.name == "allowedExtensionIds")
                EXPECT_EQ(files.admx.find(name), std::string::npos) << name;
            else
                EXPECT_NE(files.admx.find(name), std::string::npos) << name;
        }
    }
    EXPECT_NE(files.admx.find("key=\"SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\" +
                              std::string(kPolicyExtensionId) + "\\policy\""),
              std::string::npos);
    for (const auto& entry : testing::two_custom_ccp_cookie_entries())
        EXPECT_NE(files.admx.find("<string>" + entry + "</string>"), std::string::npos) << entry;
    // The company's value is the default, escaped for XML.
    EXPECT_NE(files.adml.find("<defaultValue>{&quot;mode&quot;:&quot;tab&quot;,"),
              std::string::npos)
        << files.adml;
}

TEST(PolicyNulls, AreLeftOutOfTheExtensionConfigurationAndNamed) {
    const auto input = input_for(testing::valid_config_document());
    EXPECT_EQ(input.nullsLeftOut, std::vector<std::string>{"audit.forwardUrl"});
    EXPECT_EQ(input.extensionConfig["audit"], json::object());
    for (const auto& policies : both(input))
        EXPECT_EQ(
            linux_policy_json(policies)["3rdparty"]["extensions"][kPolicyExtensionId]["audit"],
            json::object());
}

TEST(PolicyMobileconfig, NamesEachDomainAndLeavesOutNull) {
    const auto profile = build_mobileconfig(both(input_for(testing::valid_config_document())));
    for (const std::string& domain : std::vector<std::string>{
             "com.google.Chrome", "com.microsoft.Edge",
             std::string("com.google.Chrome.extensions.") + kPolicyExtensionId,
             std::string("com.microsoft.Edge.extensions.") + kPolicyExtensionId})
        EXPECT_NE(profile.text.find("<key>" + domain + "</key>"), std::string::npos) << domain;
    EXPECT_TRUE(profile.leftOut.empty()) << "the policy input has no null left (PolicyNulls)";
    // The same ID, the same UUIDs: the profile replaces itself.
    EXPECT_EQ(build_mobileconfig(both(input_for(testing::valid_config_document()))).text,
              profile.text);
}

}  // namespace
}  // namespace ccp_relogin::policy
