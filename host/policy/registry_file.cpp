#include "policy/registry_file.h"

#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace ccp_relogin::policy {
namespace {

using nlohmann::json;

constexpr const char* kEol = "\r\n";  // regedit writes and reads CRLF
constexpr const char* kHive = "HKEY_LOCAL_MACHINE\\";

bool printable_ascii_only(const std::string& text) {
    for (const char c : text)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

// A REG_SZ as regedit spells it: "…" with \ and " escaped.
std::string quoted(const std::string& text, const std::string& what) {
    if (!printable_ascii_only(text))
        throw std::invalid_argument(what + " is not printable ASCII, which a .reg file can't hold");
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string dword(std::int64_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "%08x",
                  static_cast<unsigned>(static_cast<std::uint32_t>(value)));
    return std::string("dword:") + text;
}

// The data of one value under the extension's policy key.
std::string registry_data(const json& value, const std::string& name) {
    if (value.is_boolean()) return dword(value.get<bool>() ? 1 : 0);
    if (value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        if (number < INT32_MIN || number > INT32_MAX)
            throw std::invalid_argument(name + " does not fit a REG_DWORD");
        return dword(number);
    }
    if (value.is_string()) return quoted(value.get<std::string>(), name);
    // ensure_ascii: \u escapes keep the file ASCII; Chrome's JSON reader
    // decodes them.
    return quoted(value.dump(-1, ' ', true), name);
}

void write_list(std::string& out, const std::string& key, const std::vector<std::string>& items,
                const std::string& what) {
    out += "[" + std::string(kHive) + key + "]" + kEol;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += "\"" + std::to_string(i + 1) + "\"=" + quoted(items[i], what) + kEol;
    out += kEol;
}

void write_browser(std::string& out, const BrowserPolicies& policies) {
    const std::string key = policy_key(policies.vendor);
    out += "; " + std::string(vendor_name(policies.vendor)) + kEol;
    out += "[" + std::string(kHive) + key + "]" + kEol;
    out += "\"" + std::string(kExtensionSettings) +
           "\"=" + registry_data(policies.extensionSettings, kExtensionSettings) + kEol + kEol;
    write_list(out, key + "\\" + kNativeMessagingAllowlist, policies.nativeMessagingAllowlist,
               kNativeMessagingAllowlist);
    if (!policies.cookiesAllowedForUrls.empty())
        write_list(out, key + "\\" + kCookiesAllowedForUrls, policies.cookiesAllowedForUrls,
                   kCookiesAllowedForUrls);
    const std::string extension_key = extension_policy_key(policies.vendor, policies.extensionId);
    out += "[-" + std::string(kHive) + extension_key + "]" + kEol;
    out += "[" + std::string(kHive) + extension_key + "]" + kEol;
    for (const auto& [name, value] : policies.extensionConfig.items()) {
        if (value.is_null()) continue;  // absent: the files' value or the default applies
        out += quoted(name, "a configuration key") + "=" + registry_data(value, name) + kEol;
    }
    out += kEol;
}

}  // namespace

std::string policy_key(Vendor vendor) {
    return vendor == Vendor::kChrome ? "SOFTWARE\\Policies\\Google\\Chrome"
                                     : "SOFTWARE\\Policies\\Microsoft\\Edge";
}

std::string extension_policy_key(Vendor vendor, const std::string& extension_id) {
    return policy_key(vendor) + "\\3rdparty\\extensions\\" + extension_id + "\\policy";
}

std::string registry_file(const std::vector<BrowserPolicies>& browsers) {
    std::string out = std::string("Windows Registry Editor Version 5.00") + kEol + kEol;
    out += std::string(
               "; ccp-relogin browser policies, written by `ccp-relogin policy --format "
               "reg` (docs/rollout.md, \"5. The browser policy\").") +
           kEol + kEol;
    for (const auto& policies : browsers) write_browser(out, policies);
    return out;
}

}  // namespace ccp_relogin::policy
