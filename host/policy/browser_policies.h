#pragma once
// What an administrator deploys so every agent's browser has ccp-relogin, for
// one browser vendor and before any file format (policy/linux_policy.h,
// registry_file.h, admx.h, mobileconfig.h write it out). Pure.
//
//   - ExtensionSettings: the extension force-installed from the update URL,
//     its host access cut down to what the configuration needs
//     (policy/extension_hosts.h);
//   - NativeMessagingAllowlist: the host, for companies that block native
//     hosts by default;
//   - CookiesAllowedForUrls: the Connect cookie inside each custom CCP
//     (federation/cookie_policy.h spells the entries);
//   - 3rdparty.extensions.<ID>: the extension's managed configuration, the
//     company's configuration file as the host validates it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::policy {

// The policies' names, the same on every system.
inline constexpr const char* kExtensionSettings = "ExtensionSettings";
inline constexpr const char* kNativeMessagingAllowlist = "NativeMessagingAllowlist";
inline constexpr const char* kCookiesAllowedForUrls = "CookiesAllowedForUrls";

enum class Vendor { kChrome, kEdge };

inline constexpr Vendor kVendors[] = {Vendor::kChrome, Vendor::kEdge};

// "Google Chrome", "Microsoft Edge".
std::string_view vendor_name(Vendor vendor);

// Where the vendor's store serves updates: the update URL of a store build
// (docs/facts.md, "Policies").
std::string_view store_update_url(Vendor vendor);

// Top-level keys of the configuration that only a configuration file may
// set, so the policy leaves them out: the host refuses browserPolicy from
// the policy (config/policy_limits.h), and never counts the policy's
// allowedExtensionIds, since the caller would vouch for itself
// (docs/protocol.md, "hello").
inline constexpr std::string_view kFilesOnlyKeys[] = {"allowedExtensionIds", "browserPolicy"};
bool is_files_only_key(std::string_view key);

// The extension's managed configuration from a configuration document the
// host's validator accepted (config/validate.h): every key of `document`
// that `schema` (policy/managed_schema.h) declares, at every level, minus
// kFilesOnlyKeys and every null (no schema type admits one; their paths go
// to `nulls_left_out`). Throws std::invalid_argument naming the first key
// the schema does not declare (a host key the extension could not receive).
nlohmann::json extension_configuration(const nlohmann::json& document, const nlohmann::json& schema,
                                       std::vector<std::string>* nulls_left_out = nullptr);

struct PolicyInput {
    std::string extensionId;                         // checked by base::is_extension_id
    std::optional<std::string> updateUrl;            // nullopt: the vendor's store
    nlohmann::json extensionConfig;                  // extension_configuration(...)
    std::vector<std::string> nullsLeftOut;           // "audit.forwardUrl"
    std::vector<std::string> cookiesAllowedForUrls;  // federation::cookies_allowed_for_urls
    std::vector<std::string> runtimeAllowedHosts;    // policy::runtime_allowed_hosts
};

struct BrowserPolicies {
    Vendor vendor = Vendor::kChrome;
    std::string extensionId;
    // {ID: {installation_mode, update_url, runtime_blocked_hosts,
    //       runtime_allowed_hosts}}
    nlohmann::json extensionSettings;
    std::vector<std::string> nativeMessagingAllowlist;
    std::vector<std::string> cookiesAllowedForUrls;
    nlohmann::json extensionConfig;  // the value of 3rdparty.extensions.<ID>
};

// Throws std::invalid_argument for an extension ID that is not one, an
// update URL that is not a plain https URL, or no runtime allowed host.
BrowserPolicies build_browser_policies(Vendor vendor, const PolicyInput& input);

// The input for `document` (validated) and the Config built from it.
PolicyInput policy_input(const nlohmann::json& document, const config::Config& config,
                         const nlohmann::json& schema, std::string extension_id,
                         std::optional<std::string> update_url);

}  // namespace ccp_relogin::policy
