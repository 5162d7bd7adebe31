#include "doctor/probe_browser_cookies.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <variant>

#include "base/bounded_json.h"
#include "doctor/registry_cookie_policy.h"
#include "platform/files.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Deep enough for Preferences (a dozen levels), shallow enough that a
// hostile file can't exhaust the stack of the code that walks the tree.
constexpr int kMaxJsonDepth = 64;

// Content setting values in Preferences (docs/facts.md, "Third-party cookies").
constexpr int kSettingAllow = 1;
constexpr int kSettingBlock = 2;

// A file's JSON, or why not (`missing`: there is no such file).
struct JsonFile {
    std::optional<json> document;
    std::string problem;
    bool missing = false;
};

JsonFile read_json(const fs::path& path, std::size_t max_bytes) {
    auto read = platform::read_small_file(path, max_bytes);
    if (read.outcome == platform::SmallFile::Outcome::kMissing)
        return {std::nullopt, "missing", true};
    if (read.outcome != platform::SmallFile::Outcome::kRead)
        return {std::nullopt, std::move(read.problem)};
    auto parsed = base::parse_bounded_json(read.text, kMaxJsonDepth);
    if (const auto* refusal = std::get_if<base::JsonRefusal>(&parsed))
        return {std::nullopt, refusal->message};
    return {std::get<json>(std::move(parsed)), ""};
}

std::vector<std::string> strings_at(const json& document, const char* key) {
    std::vector<std::string> out;
    const auto it = document.find(key);
    if (it == document.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

const json* at_path(const json& document, std::initializer_list<const char*> keys) {
    const json* node = &document;
    for (const char* key : keys) {
        if (!node->is_object()) return nullptr;
        const auto it = node->find(key);
        if (it == node->end()) return nullptr;
        node = &*it;
    }
    return node;
}

// Entries directly in `dir` that pass `keep`, by name, at most `limit`; none
// when it can't be listed.
std::vector<fs::path> entries(const fs::path& dir, std::size_t limit,
                              const std::function<bool(const fs::directory_entry&)>& keep) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (keep(*it)) found.push_back(it->path());
    std::sort(found.begin(), found.end());
    if (found.size() > limit) found.resize(limit);
    return found;
}

bool is_json_file_name(const fs::directory_entry& e) { return e.path().extension() == ".json"; }

// Chromium names profile folders "Default", "Profile 1", "Profile 2", …
bool is_profile_dir(const fs::directory_entry& e) {
    const std::string name = e.path().filename().string();
    std::error_code ec;
    return (name == "Default" || name.starts_with("Profile ")) &&
           fs::is_directory(fs::symlink_status(e.path(), ec));
}

CookiePolicy read_policy(const std::optional<fs::path>& dir) {
    CookiePolicy policy;
    policy.dir = dir;
    if (!dir) return policy;
    for (const auto& path : entries(*dir, kMaxPolicyFiles, is_json_file_name)) {
        const JsonFile file = read_json(path, kMaxPolicyFileBytes);
        if (!file.document) {
            policy.problems.push_back("policy file " + path.string() + ": " + file.problem);
            continue;
        }
        policy.files.push_back(path);
        add_cookie_policy(policy, *file.document);
    }
    return policy;
}

// "<primary>,<secondary>" of an extension's rule in Preferences
// (extensions.settings.<id>.content_settings), or nullopt for other rules.
std::optional<std::string> extension_cookie_allow(const json& rule) {
    if (!rule.is_object() || rule.value("type", "") != "cookies" ||
        rule.value("setting", "") != "allow")
        return std::nullopt;
    const std::string primary = rule.value("primaryPattern", "");
    const std::string secondary = rule.value("secondaryPattern", "");
    if (primary.empty()) return std::nullopt;
    return secondary.empty() ? primary : primary + "," + secondary;
}

}  // namespace

std::vector<CookieProbeTarget> cookie_probe_targets(const std::vector<platform::Browser>& browsers,
                                                    const platform::HomeDirs& dirs,
                                                    const std::optional<fs::path>& user_data_dir,
                                                    platform::System system) {
    std::vector<CookieProbeTarget> targets;
    for (auto browser : browsers) {
        targets.push_back(
            {browser, platform::managed_policy_dir(browser, system),
             user_data_dir ? user_data_dir : platform::default_user_data_dir(browser, system, dirs),
             platform::managed_policy_key(browser, system)});
    }
    return targets;
}

void add_cookie_policy(CookiePolicy& policy, const json& document) {
    if (!document.is_object()) return;
    if (const auto it = document.find("BlockThirdPartyCookies");
        it != document.end() && it->is_boolean())
        policy.blockThirdPartyCookies = it->get<bool>();
    for (auto& entry : strings_at(document, "CookiesAllowedForUrls"))
        policy.allowedForUrls.push_back(std::move(entry));
    for (auto& entry : strings_at(document, "CookiesBlockedForUrls"))
        policy.blockedForUrls.push_back(std::move(entry));
}

void read_cookie_preferences(CookiePreferences& prefs, const json& document) {
    if (const json* mode = at_path(document, {"profile", "cookie_controls_mode"});
        mode && mode->is_number_integer())
        prefs.cookieControlsMode = mode->get<int>();
    if (const json* exceptions =
            at_path(document, {"profile", "content_settings", "exceptions", "cookies"});
        exceptions && exceptions->is_object()) {
        for (const auto& [pattern, value] : exceptions->items()) {
            const int setting = value.is_object() ? value.value("setting", 0) : 0;
            if (setting == kSettingAllow) prefs.allowed.push_back(pattern);
            if (setting == kSettingBlock) prefs.blocked.push_back(pattern);
        }
    }
    if (const json* extensions = at_path(document, {"extensions", "settings"});
        extensions && extensions->is_object()) {
        for (const auto& [id, extension] : extensions->items()) {
            const json* rules = at_path(extension, {"content_settings"});
            if (!rules || !rules->is_array()) continue;
            for (const auto& rule : *rules)
                if (auto pair = extension_cookie_allow(rule))
                    prefs.extensionAllowed.push_back(std::move(*pair));
        }
    }
}

BrowserCookieFacts read_browser_cookie_facts(const CookieProbeTarget& target) {
    BrowserCookieFacts facts;
    facts.browser = target.browser;
    facts.policy = target.policy_key ? read_registry_cookie_policy(*target.policy_key)
                                     : read_policy(target.policy_dir);
    if (!target.user_data_dir) return facts;
    for (const auto& dir : entries(*target.user_data_dir, kMaxProfiles, is_profile_dir)) {
        CookiePreferences prefs;
        prefs.file = dir / "Preferences";
        const JsonFile file = read_json(prefs.file, kMaxPreferencesBytes);
        // A profile folder without Preferences has never been used: nothing to judge.
        if (file.missing) continue;
        if (file.document)
            read_cookie_preferences(prefs, *file.document);
        else
            prefs.problem = file.problem;
        facts.profiles.push_back(std::move(prefs));
    }
    return facts;
}

}  // namespace ccp_relogin::doctor
