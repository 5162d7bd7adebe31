#include "doctor/registry_cookie_policy.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>
#include <variant>

#include "base/bounded_json.h"

namespace ccp_relogin::doctor {
namespace {

using platform::RegistryKey;
using platform::RegistryValue;

// A list as one JSON string is a flat array of strings.
constexpr int kMaxListJsonDepth = 2;

std::string where(const RegistryKey& key, const std::string& name) {
    return "policy " + key.path + "\\" + name;
}

std::string type_name(const RegistryValue& value) {
    switch (value.type) {
        case RegistryValue::Type::kDword:
            return "a REG_DWORD";
        case RegistryValue::Type::kString:
            return "a REG_SZ";
        case RegistryValue::Type::kOther:
            break;
    }
    return "neither a REG_DWORD nor a REG_SZ";
}

const RegistryValue* value_named(const RegistryKey& key, const std::string& name) {
    // Registry names are case-insensitive; the reader asked by name, so the
    // name is the one asked for.
    const auto it = std::find_if(key.values.begin(), key.values.end(),
                                 [&](const RegistryValue& v) { return v.name == name; });
    return it == key.values.end() ? nullptr : &*it;
}

// Chromium takes an integer from a numeric string too (docs/facts.md, "Policies").
std::optional<long long> as_integer(const std::string& text) {
    long long number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return number;
}

std::optional<bool> block_third_party(const RegistryKey& key, CookiePolicy& policy) {
    const RegistryValue* value = value_named(key, kBlockThirdPartyCookies);
    if (!value) return std::nullopt;
    if (value->type == RegistryValue::Type::kDword) return value->number != 0;
    if (value->type == RegistryValue::Type::kString)
        if (const auto number = as_integer(value->text)) return *number != 0;
    policy.problems.push_back(
        where(key, kBlockThirdPartyCookies) + ": " + type_name(*value) +
        (value->type == RegistryValue::Type::kString ? " that is no number" : "") +
        ", not a REG_DWORD: not taken");
    return std::nullopt;
}

// "1", "2", … (Chromium ignores other names in a list's key).
std::optional<unsigned long> entry_number(const std::string& name) {
    if (name.empty() || name.size() > 9 ||
        !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoul(name);
}

// The entries of a list's subkey, in their numbers' order.
std::vector<std::string> subkey_entries(const RegistryKey& key, CookiePolicy& policy) {
    std::vector<std::pair<unsigned long, std::string>> numbered;
    for (const auto& value : key.values) {
        const auto number = entry_number(value.name);
        if (!number) continue;
        if (value.type != RegistryValue::Type::kString) {
            policy.problems.push_back("policy " + key.path + "\\" + value.name + ": " +
                                      type_name(value) + ", not a REG_SZ: not taken");
            continue;
        }
        numbered.emplace_back(*number, value.text);
    }
    std::sort(numbered.begin(), numbered.end());
    std::vector<std::string> entries;
    for (auto& [number, text] : numbered) entries.push_back(std::move(text));
    return entries;
}

// A list written as one REG_SZ of JSON under the policy key.
std::optional<std::vector<std::string>> json_entries(const RegistryKey& key,
                                                     const std::string& name,
                                                     CookiePolicy& policy) {
    const RegistryValue* value = value_named(key, name);
    if (!value) return std::nullopt;
    const std::string at = where(key, name);
    if (value->type != RegistryValue::Type::kString) {
        policy.problems.push_back(at + ": " + type_name(*value) +
                                  ", not a subkey of entries nor a REG_SZ of JSON: not taken");
        return std::nullopt;
    }
    auto parsed = base::parse_bounded_json(value->text, kMaxListJsonDepth);
    const auto* list = std::get_if<nlohmann::json>(&parsed);
    if (!list || !list->is_array() ||
        !std::all_of(list->begin(), list->end(), [](const auto& v) { return v.is_string(); })) {
        policy.problems.push_back(at + ": not a JSON list of strings: not taken");
        return std::nullopt;
    }
    std::vector<std::string> entries;
    for (const auto& v : *list) entries.push_back(v.get<std::string>());
    return entries;
}

// The list `name` as this hive sets it, if it does: its subkey (the form
// `ccp-relogin policy --format reg` writes), else one JSON REG_SZ.
std::optional<std::vector<std::string>> list_policy(const RegistryKey& policy_key,
                                                    const RegistryKey& subkey,
                                                    const std::string& name, CookiePolicy& policy) {
    if (subkey.exists) return subkey_entries(subkey, policy);
    return json_entries(policy_key, name, policy);
}

void add_problems(const RegistryKey& key, CookiePolicy& policy) {
    for (const auto& problem : key.problems) policy.problems.push_back("policy " + problem);
}

}  // namespace

CookiePolicy cookie_policy_from_registry(const std::string& key,
                                         const std::vector<RegistryPolicyRead>& hives) {
    CookiePolicy policy;
    policy.registryKey = key;
    bool allowed_set = false;
    bool blocked_set = false;
    for (const auto& hive : hives) {
        add_problems(hive.policy, policy);
        add_problems(hive.allowed, policy);
        add_problems(hive.blocked, policy);
        if (!hive.policy.exists) continue;
        policy.keys.push_back(hive.policy.path);
        if (!policy.blockThirdPartyCookies)
            policy.blockThirdPartyCookies = block_third_party(hive.policy, policy);
        if (!allowed_set)
            if (auto entries =
                    list_policy(hive.policy, hive.allowed, kCookiesAllowedForUrls, policy)) {
                policy.allowedForUrls = std::move(*entries);
                allowed_set = true;
            }
        if (!blocked_set)
            if (auto entries =
                    list_policy(hive.policy, hive.blocked, kCookiesBlockedForUrls, policy)) {
                policy.blockedForUrls = std::move(*entries);
                blocked_set = true;
            }
    }
    return policy;
}

CookiePolicy read_registry_cookie_policy(const std::string& key) {
    std::vector<RegistryPolicyRead> hives;
    for (const auto hive :
         {platform::RegistryHive::kLocalMachine, platform::RegistryHive::kCurrentUser}) {
        RegistryPolicyRead read;
        read.policy = platform::read_registry_key(
            hive, key, {kBlockThirdPartyCookies, kCookiesAllowedForUrls, kCookiesBlockedForUrls});
        if (read.policy.exists) {
            read.allowed = platform::read_registry_key(hive, key + "\\" + kCookiesAllowedForUrls);
            read.blocked = platform::read_registry_key(hive, key + "\\" + kCookiesBlockedForUrls);
        }
        hives.push_back(std::move(read));
    }
    return cookie_policy_from_registry(key, hives);
}

}  // namespace ccp_relogin::doctor
