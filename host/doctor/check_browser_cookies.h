#pragma once
// doctor's check of the browsers' third-party-cookie settings, pure: can the
// Connect session cookie reach the CCP frame of each custom CCP the
// configuration names? A custom CCP embeds Connect from another site, and a
// browser that blocks third-party cookies keeps the cookie out of that frame
// (docs/facts.md, "Third-party cookies"). Judged from what the browser's
// managed policy (files on Linux, the registry on Windows) and each
// profile's Preferences say; reading them is doctor/probe_browser_cookies.h.
// What doctor can't read (policy in macOS profiles, a browser's built-in
// default) it names as such rather than guessing.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "doctor/check_result.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

// A browser's managed policy, the cookie policies of it.
struct CookiePolicy {
    // Where it was looked for: a folder of files (Linux) or a registry key
    // under HKLM and HKCU (Windows); neither: not readable on this system.
    std::optional<std::filesystem::path> dir;
    std::optional<std::string> registryKey;    // "SOFTWARE\Policies\Google\Chrome"
    std::vector<std::filesystem::path> files;  // the files read, in name order
    std::vector<std::string> keys;             // the keys read, "HKLM\…" before "HKCU\…"
    std::optional<bool> blockThirdPartyCookies;
    std::vector<std::string> allowedForUrls;  // CookiesAllowedForUrls entries
    std::vector<std::string> blockedForUrls;  // CookiesBlockedForUrls entries
    // What was not read, and why: "policy file <file>: <why>",
    // "policy HKCU\…\<value>: <why>".
    std::vector<std::string> problems;
};

// One browser profile's Preferences, the cookie settings of it. Patterns are
// "<primary>,<secondary>" as the browser writes them, or one pattern.
struct CookiePreferences {
    std::filesystem::path file;
    std::string problem;  // not empty: the file was not read, and why
    // profile.cookie_controls_mode: 0 third-party cookies allowed, 1 blocked,
    // 2 blocked in Incognito only; absent: the browser's default.
    std::optional<int> cookieControlsMode;
    std::vector<std::string>
        allowed;  // site exceptions "allow" (content_settings.exceptions.cookies)
    std::vector<std::string> blocked;           // site exceptions "block"
    std::vector<std::string> extensionAllowed;  // "allow" rules an extension set
};

struct BrowserCookieFacts {
    platform::Browser browser = platform::Browser::kChrome;
    CookiePolicy policy;
    std::vector<CookiePreferences> profiles;
};

// One Connect instance embedded in one custom-CCP origin, as configured.
struct CookieNeed {
    std::string connect_host;  // "acme.my.connect.aws"
    std::string embedder;      // "https://agents.example.com"
    std::string policy_entry;  // "https://[*.]my.connect.aws,https://agents.example.com"
};

// Every profile's Connect host × its returnTo origins, without repeats.
std::vector<CookieNeed> cookie_needs(const config::Config& config);

// True when the content-setting pattern `pattern` ("https://[*.]example.com",
// "[*.]example.com", "example.com:443", "*", …) matches the https origin of
// `host` and `port` ("" for 443).
bool cookie_pattern_matches(std::string_view pattern, std::string_view host, std::string_view port);

// True when `entry` ("<primary>,<secondary>", or one pattern for any
// embedding) covers the Connect cookie of `need` inside its embedder.
bool cookie_entry_covers(std::string_view entry, const CookieNeed& need);

// Pure. One result per browser with a policy file or a profile ("cookies
// chromium"); `skip` when no profile has a custom CCP. `fix_enabled`:
// detection.fixThirdPartyCookies, whether the extension may allow the cookie
// itself where only the agent's preference blocks it.
std::vector<CheckResult> evaluate_browser_cookies(const std::vector<BrowserCookieFacts>& browsers,
                                                  const std::vector<CookieNeed>& needs,
                                                  bool fix_enabled);

}  // namespace ccp_relogin::doctor
