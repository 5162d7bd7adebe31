#include "doctor/check_browser_cookies.h"

#include <algorithm>
#include <cctype>

#include "base/url.h"
#include "doctor/check_sandbox.h"
#include "federation/cookie_policy.h"
#include "federation/relay_state.h"

namespace ccp_relogin::doctor {
namespace {

constexpr const char* kSkipName = "third-party cookies";

// cookie_controls_mode (docs/facts.md, "Testing here").
constexpr int kAllowThirdParty = 0;
constexpr int kBlockThirdParty = 1;
constexpr int kBlockInIncognito = 2;

struct Finding {
    Status status = Status::kOk;
    std::string text;
    std::string fix;
};

int severity(Status s) {
    switch (s) {
        case Status::kFail:
            return 3;
        case Status::kWarn:
            return 2;
        case Status::kOk:
            return 1;
        case Status::kSkip:
            return 0;
    }
    return 0;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool host_matches(std::string_view pattern_host, std::string_view host) {
    if (pattern_host == "*") return true;
    for (std::string_view wildcard : {"[*.]", "*."}) {
        if (!pattern_host.starts_with(wildcard)) continue;
        const std::string_view domain = pattern_host.substr(wildcard.size());
        return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                                  host[host.size() - domain.size() - 1] == '.');
    }
    return pattern_host == host;
}

// The first entry of `list` that covers `need`, or nullptr.
const std::string* covering(const std::vector<std::string>& list, const CookieNeed& need) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const std::string& entry) {
        return cookie_entry_covers(entry, need);
    });
    return it == list.end() ? nullptr : &*it;
}

std::string where(const CookieNeed& need) {
    return "the Connect cookie of " + need.connect_host + " inside " + need.embedder;
}

// What the managed policy decides for `need`, if it decides.
std::optional<Finding> policy_finding(const CookiePolicy& policy, const CookieNeed& need) {
    if (const auto* blocked = covering(policy.blockedForUrls, need))
        return Finding{
            Status::kFail,
            "the policy CookiesBlockedForUrls (" + *blocked + ") blocks " + where(need) +
                ": the CCP there can't sign in, and ccp-relogin does not override a policy",
            "take " + *blocked + " out of CookiesBlockedForUrls"};
    if (const auto* allowed = covering(policy.allowedForUrls, need))
        return Finding{Status::kOk,
                       "the policy CookiesAllowedForUrls (" + *allowed + ") allows " + where(need),
                       ""};
    if (policy.blockThirdPartyCookies == true)
        return Finding{
            Status::kFail,
            "the policy BlockThirdPartyCookies blocks and locks third-party cookies, so " +
                where(need) +
                " is blocked and ccp-relogin may not allow it: the CCP there can't "
                "sign in",
            "add " + need.policy_entry + " to the policy CookiesAllowedForUrls"};
    if (policy.blockThirdPartyCookies == false)
        return Finding{Status::kOk,
                       "the policy BlockThirdPartyCookies is false: third-party cookies are "
                       "allowed, " +
                           where(need) + " too",
                       ""};
    return std::nullopt;
}

// Whether the profile blocks third-party cookies, in words, or nullopt.
std::optional<std::string> blocks_third_party(const CookiePreferences& prefs,
                                              platform::Browser browser) {
    if (prefs.cookieControlsMode == kBlockThirdParty) return "cookie_controls_mode 1";
    // Debian's Chromium blocks them when the preference was never written
    // (docs/facts.md, "Testing here"); other browsers' defaults are not known here.
    if (!prefs.cookieControlsMode && browser == platform::Browser::kChromium)
        return "not set, and Debian's Chromium blocks them by default";
    return std::nullopt;
}

Finding profile_finding(const CookiePreferences& prefs, platform::Browser browser,
                        const CookieNeed& need, bool fix_enabled) {
    const std::string profile = prefs.file.parent_path().filename().string();
    if (!prefs.problem.empty())
        return {Status::kWarn, prefs.file.string() + ": not read (" + prefs.problem + ")", ""};
    if (const auto* blocked = covering(prefs.blocked, need))
        return {Status::kWarn,
                profile + ": a site setting (" + *blocked + ") blocks " + where(need),
                "remove that site setting, or have IT set the policy CookiesAllowedForUrls: " +
                    need.policy_entry};
    if (const auto* allowed = covering(prefs.extensionAllowed, need))
        return {Status::kOk,
                profile + ": an extension's rule (" + *allowed + ") allows " + where(need) +
                    " (ccp-relogin sets this rule itself)",
                ""};
    if (const auto* allowed = covering(prefs.allowed, need))
        return {Status::kOk, profile + ": a site setting (" + *allowed + ") allows " + where(need),
                ""};
    if (const auto why = blocks_third_party(prefs, browser)) {
        const std::string text = profile + ": third-party cookies are blocked (" + *why + "), so " +
                                 where(need) + " is blocked";
        if (!fix_enabled)
            return {Status::kFail,
                    text +
                        ", and detection.fixThirdPartyCookies is false: the CCP there stays "
                        "signed out",
                    "set the browser policy CookiesAllowedForUrls: " + need.policy_entry};
        return {Status::kWarn,
                text + "; ccp-relogin allows it the first time that CCP shows the expiry",
                "nothing needed; to allow it for every agent, set the browser policy "
                "CookiesAllowedForUrls: " +
                    need.policy_entry};
    }
    if (prefs.cookieControlsMode == kBlockInIncognito)
        return {Status::kOk,
                profile +
                    ": third-party cookies are blocked in Incognito windows only (ccp-relogin "
                    "changes nothing there: agents work in a normal window)",
                ""};
    const std::string state = prefs.cookieControlsMode == kAllowThirdParty
                                  ? "allowed"
                                  : "not set (the browser's default)";
    return {Status::kOk, profile + ": third-party cookies " + state, ""};
}

CheckResult judge(const BrowserCookieFacts& facts, const std::vector<CookieNeed>& needs,
                  bool fix_enabled) {
    std::vector<Finding> findings;
    for (const auto& problem : facts.policy.problems)
        findings.push_back({Status::kWarn, problem, ""});
    for (const auto& need : needs) {
        if (auto decided = policy_finding(facts.policy, need)) {
            findings.push_back(std::move(*decided));
            continue;
        }
        for (const auto& prefs : facts.profiles)
            findings.push_back(profile_finding(prefs, facts.browser, need, fix_enabled));
    }
    CheckResult result{
        "cookies " + std::string(platform::to_string(facts.browser)), Status::kOk, "", "", {}};
    const Finding* worst = nullptr;
    for (const auto& f : findings) {
        if (!worst || severity(f.status) > severity(worst->status)) worst = &f;
        // One finding is the summary itself; several are each listed.
        if (findings.size() > 1) result.details.push_back(f.text);
    }
    if (!worst) {
        result.status = Status::kSkip;
        result.summary = product_name(facts.browser) + ": no profile to read";
        return result;
    }
    result.status = worst->status;
    result.summary = product_name(facts.browser) + ": " + worst->text;
    result.fix = worst->fix;
    if (!facts.policy.dir && !facts.policy.registryKey)
        result.details.push_back(
            "browser policy is not read on this system (macOS keeps it in managed preferences)");
    return result;
}

}  // namespace

std::vector<CookieNeed> cookie_needs(const config::Config& config) {
    std::vector<CookieNeed> needs;
    for (const auto& profile : config.profiles) {
        const std::string host = federation::connect_host(profile.instance);
        for (const auto& origin : federation::return_to_origins(profile)) {
            const bool known = std::any_of(needs.begin(), needs.end(), [&](const CookieNeed& n) {
                return n.connect_host == host && n.embedder == origin;
            });
            if (!known)
                needs.push_back(
                    {host, origin, federation::cookies_allowed_entry(profile.instance, origin)});
        }
    }
    return needs;
}

bool cookie_pattern_matches(std::string_view pattern, std::string_view host,
                            std::string_view port) {
    std::string p = lower(pattern);
    p.erase(0, p.find_first_not_of(' '));
    p.erase(p.find_last_not_of(' ') + 1);
    if (p == "*") return true;
    if (const auto scheme_end = p.find("://"); scheme_end != std::string::npos) {
        const std::string scheme = p.substr(0, scheme_end);
        if (scheme != "https" && scheme != "*") return false;
        p.erase(0, scheme_end + 3);
    }
    if (const auto slash = p.find('/'); slash != std::string::npos) p.erase(slash);
    if (const auto colon = p.rfind(':'); colon != std::string::npos) {
        const std::string pattern_port = p.substr(colon + 1);
        p.erase(colon);
        const std::string wanted = port.empty() ? "443" : std::string(port);
        if (pattern_port != "*" && pattern_port != wanted) return false;
    }
    return !p.empty() && host_matches(p, lower(host));
}

bool cookie_entry_covers(std::string_view entry, const CookieNeed& need) {
    const auto comma = entry.find(',');
    const std::string_view primary = entry.substr(0, comma);
    const std::string_view secondary =
        comma == std::string_view::npos ? std::string_view("*") : entry.substr(comma + 1);
    const auto embedder = base::parse_url(need.embedder);
    if (!embedder) return false;
    return cookie_pattern_matches(primary, need.connect_host, "") &&
           cookie_pattern_matches(secondary, embedder->host, embedder->port);
}

std::vector<CheckResult> evaluate_browser_cookies(const std::vector<BrowserCookieFacts>& browsers,
                                                  const std::vector<CookieNeed>& needs,
                                                  bool fix_enabled) {
    if (needs.empty())
        return {{kSkipName,
                 Status::kSkip,
                 "no profile embeds Connect in a custom CCP (returnTo), so third-party cookies "
                 "do not matter",
                 "",
                 {}}};
    std::vector<CheckResult> results;
    for (const auto& facts : browsers) {
        if (facts.policy.files.empty() && facts.policy.keys.empty() &&
            facts.policy.problems.empty() && facts.profiles.empty())
            continue;  // never run by this user, no policy: nothing to say
        results.push_back(judge(facts, needs, fix_enabled));
    }
    if (results.empty())
        results.push_back(
            {kSkipName, Status::kSkip, "no browser profile or policy file found to read", "", {}});
    return results;
}

}  // namespace ccp_relogin::doctor
