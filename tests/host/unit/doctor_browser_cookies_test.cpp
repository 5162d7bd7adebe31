// doctor's third-party-cookie check: the probe against policy files and
// Preferences in a temporary directory (in the shapes Chromium 156 wrote and
// honoured here, docs/facts.md "Third-party cookies"), the pattern rules, and
// the judgement of what it found.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "doctor/check_browser_cookies.h"
#include "doctor/probe_browser_cookies.h"
#include "support/temp_dir.h"

namespace ccp_relogin::doctor {
namespace {

using ccp_relogin::testing::TempDir;
using platform::Browser;
namespace fs = std::filesystem;

const CookieNeed kAgents{"acme.my.connect.aws", "https://agents.example.com",
                         "https://[*.]my.connect.aws,https://agents.example.com"};

config::Config agents_config(bool fix = true) {
    config::Config c;
    config::Profile p;
    p.name = "agents-us";
    p.instance.alias = "acme";
    p.returnTo = {"https://agents.example.com/ccp", "https://agents.example.com/queue"};
    config::Profile admins = p;
    admins.name = "admins-us";
    admins.returnTo = {};
    c.profiles = {p, admins};
    c.detection.fixThirdPartyCookies = fix;
    return c;
}

CookiePreferences prefs(std::optional<int> mode) {
    CookiePreferences p;
    p.file = "/home/agent/.config/chromium/Default/Preferences";
    p.cookieControlsMode = mode;
    return p;
}

BrowserCookieFacts browser(Browser b, std::vector<CookiePreferences> profiles,
                           CookiePolicy policy = {}) {
    return {b, std::move(policy), std::move(profiles)};
}

CheckResult judge_one(const BrowserCookieFacts& facts, bool fix = true) {
    const auto results = evaluate_browser_cookies({facts}, {kAgents}, fix);
    EXPECT_EQ(results.size(), 1u);
    return results.at(0);
}

TEST(DoctorBrowserCookies, NeedsAreEveryConnectHostInEveryCustomCcpOrigin) {
    const auto needs = cookie_needs(agents_config());
    ASSERT_EQ(needs.size(), 1u);
    EXPECT_EQ(needs[0].connect_host, kAgents.connect_host);
    EXPECT_EQ(needs[0].embedder, kAgents.embedder);
    EXPECT_EQ(needs[0].policy_entry, kAgents.policy_entry);
}

TEST(DoctorBrowserCookies, PatternsAsTheBrowserWritesThem) {
    for (const char* p :
         {"https://[*.]my.connect.aws", "[*.]my.connect.aws", "*", "acme.my.connect.aws",
          "https://acme.my.connect.aws:443", "https://acme.my.connect.aws",
          "*://acme.my.connect.aws/*", "HTTPS://ACME.my.connect.aws"})
        EXPECT_TRUE(cookie_pattern_matches(p, "acme.my.connect.aws", "")) << p;
    for (const char* p : {"http://acme.my.connect.aws", "[*.]connect.com", "other.my.connect.aws",
                          "https://acme.my.connect.aws:8443", "[*.]cme.my.connect.aws", ""})
        EXPECT_FALSE(cookie_pattern_matches(p, "acme.my.connect.aws", "")) << p;
    EXPECT_TRUE(cookie_pattern_matches("https://crm.example.com:8443", "crm.example.com", "8443"));
    // No port in a pattern: every port (the contentSettings documentation's rule).
    EXPECT_TRUE(cookie_pattern_matches("https://crm.example.com", "crm.example.com", "8443"));
    EXPECT_FALSE(cookie_pattern_matches("https://crm.example.com:443", "crm.example.com", "8443"));

    EXPECT_TRUE(cookie_entry_covers(kAgents.policy_entry, kAgents));
    EXPECT_TRUE(cookie_entry_covers("https://[*.]my.connect.aws", kAgents)) << "any embedding";
    EXPECT_TRUE(cookie_entry_covers("*,https://agents.example.com", kAgents));
    EXPECT_FALSE(
        cookie_entry_covers("https://[*.]my.connect.aws,https://crm.example.com", kAgents));
}

TEST(DoctorBrowserCookies, ThirdPartyCookiesBlockedAreAWarningWhileTheExtensionMayFixThem) {
    const auto r = judge_one(browser(Browser::kChrome, {prefs(1)}));
    EXPECT_EQ(r.name, "cookies chrome");
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(r.summary.find("third-party cookies are blocked (cookie_controls_mode 1)"),
              std::string::npos)
        << r.summary;
    EXPECT_NE(r.summary.find("ccp-relogin allows it the first time"), std::string::npos);
    EXPECT_NE(r.fix.find(kAgents.policy_entry), std::string::npos) << r.fix;
}

TEST(DoctorBrowserCookies, WithTheFixOffTheyAreAFailureNamingThePolicyEntry) {
    const auto r = judge_one(browser(Browser::kChrome, {prefs(1)}), false);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("detection.fixThirdPartyCookies is false"), std::string::npos);
    EXPECT_EQ(r.fix, "set the browser policy CookiesAllowedForUrls: " + kAgents.policy_entry);
}

TEST(DoctorBrowserCookies, DebiansChromiumBlocksThemWhenThePreferenceIsNotSet) {
    EXPECT_EQ(judge_one(browser(Browser::kChromium, {prefs(std::nullopt)})).status, Status::kWarn);
    EXPECT_EQ(judge_one(browser(Browser::kChrome, {prefs(std::nullopt)})).status, Status::kOk);
    EXPECT_EQ(judge_one(browser(Browser::kChromium, {prefs(0)})).status, Status::kOk);
    const auto incognito = judge_one(browser(Browser::kEdge, {prefs(2)}));
    EXPECT_EQ(incognito.status, Status::kOk);
    EXPECT_NE(incognito.summary.find("Incognito windows only"), std::string::npos);
}

TEST(DoctorBrowserCookies, ARuleOrASiteSettingThatAllowsTheCookieIsEnough) {
    CookiePreferences fixed = prefs(1);
    fixed.extensionAllowed = {"https://acme.my.connect.aws,https://agents.example.com"};
    const auto r = judge_one(browser(Browser::kChromium, {fixed}));
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_NE(r.summary.find("an extension's rule"), std::string::npos) << r.summary;
    CookiePreferences excepted = prefs(1);
    excepted.allowed = {"*,https://agents.example.com"};
    EXPECT_EQ(judge_one(browser(Browser::kChromium, {excepted})).status, Status::kOk);
    CookiePreferences blocked = prefs(0);
    blocked.blocked = {"https://[*.]my.connect.aws,*"};
    EXPECT_EQ(judge_one(browser(Browser::kChromium, {blocked})).status, Status::kWarn);
}

TEST(DoctorBrowserCookies, PolicyDecidesBeforeAnyProfile) {
    CookiePolicy lock;
    lock.blockThirdPartyCookies = true;
    const auto locked = judge_one(browser(Browser::kChrome, {prefs(0)}, lock));
    EXPECT_EQ(locked.status, Status::kFail);
    EXPECT_NE(locked.summary.find("BlockThirdPartyCookies blocks and locks"), std::string::npos);
    EXPECT_EQ(locked.fix, "add " + kAgents.policy_entry + " to the policy CookiesAllowedForUrls");

    lock.allowedForUrls = {kAgents.policy_entry};
    EXPECT_EQ(judge_one(browser(Browser::kChrome, {prefs(1)}, lock)).status, Status::kOk);

    CookiePolicy site;
    site.blockedForUrls = {"https://[*.]my.connect.aws"};
    site.allowedForUrls = {kAgents.policy_entry};
    const auto blocked = judge_one(browser(Browser::kChrome, {prefs(0)}, site));
    EXPECT_EQ(blocked.status, Status::kFail);
    EXPECT_EQ(blocked.fix, "take https://[*.]my.connect.aws out of CookiesBlockedForUrls");

    CookiePolicy open;
    open.blockThirdPartyCookies = false;
    EXPECT_EQ(judge_one(browser(Browser::kChromium, {prefs(1)}, open)).status, Status::kOk);
}

TEST(DoctorBrowserCookies, NothingToJudgeIsSaidSo) {
    EXPECT_EQ(evaluate_browser_cookies({browser(Browser::kChrome, {prefs(1)})}, {}, true)[0].status,
              Status::kSkip);
    const auto none = evaluate_browser_cookies({browser(Browser::kChrome, {})}, {kAgents}, true);
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].name, "third-party cookies");
    EXPECT_EQ(none[0].status, Status::kSkip);
}

class BrowserCookiesProbe : public ::testing::Test {
  protected:
    TempDir temp_;
};

TEST_F(BrowserCookiesProbe, ReadsPolicyFilesAndEveryProfilesPreferences) {
    temp_.write("policy/a.json", R"({"BlockThirdPartyCookies": true,
        "CookiesAllowedForUrls": ["https://[*.]my.connect.aws,https://agents.example.com"]})");
    temp_.write("policy/b.json",
                R"({"CookiesBlockedForUrls": ["[*.]tracker.example"], "Other": 1})");
    temp_.write("policy/broken.json", "{not json");
    temp_.write("policy/notes.txt", "ignored");
    // The shapes Chromium 156 wrote: the user's exceptions and an extension's rule.
    temp_.write("udd/Default/Preferences", R"({"profile": {"cookie_controls_mode": 1,
        "content_settings": {"exceptions": {"cookies": {
          "*,https://agents.example.com": {"setting": 1, "last_modified": "1"},
          "https://[*.]ads.example,*": {"setting": 2}}}}},
      "extensions": {"settings": {"lgnognmbodadambbbcigkefnngodpege": {"content_settings": [
          {"primaryPattern": "https://acme.my.connect.aws", "secondaryPattern": "https://agents.example.com",
           "setting": "allow", "type": "cookies"},
          {"primaryPattern": "https://x.example", "secondaryPattern": "", "setting": "block", "type": "javascript"}]}}}})");
    temp_.write("udd/Profile 1/Preferences", R"({"profile": {}})");
    fs::create_directories(temp_ / "udd/Profile 2");  // never used: no Preferences
    temp_.write("udd/System Profile/Preferences", R"({"profile": {"cookie_controls_mode": 1}})");

    const auto facts =
        read_browser_cookie_facts({Browser::kChromium, temp_ / "policy", temp_ / "udd", {}});
    EXPECT_EQ(facts.policy.files,
              (std::vector<fs::path>{temp_ / "policy/a.json", temp_ / "policy/b.json"}));
    EXPECT_EQ(facts.policy.blockThirdPartyCookies, true);
    EXPECT_EQ(facts.policy.allowedForUrls,
              std::vector<std::string>{"https://[*.]my.connect.aws,https://agents.example.com"});
    EXPECT_EQ(facts.policy.blockedForUrls, std::vector<std::string>{"[*.]tracker.example"});
    ASSERT_EQ(facts.policy.problems.size(), 1u);
    EXPECT_EQ(facts.policy.problems[0].rfind(
                  "policy file " + (temp_ / "policy/broken.json").string() + ": ", 0),
              0u);

    ASSERT_EQ(facts.profiles.size(), 2u);
    const auto& def = facts.profiles[0];
    EXPECT_EQ(def.file, temp_ / "udd/Default/Preferences");
    EXPECT_EQ(def.cookieControlsMode, 1);
    EXPECT_EQ(def.allowed, std::vector<std::string>{"*,https://agents.example.com"});
    EXPECT_EQ(def.blocked, std::vector<std::string>{"https://[*.]ads.example,*"});
    EXPECT_EQ(def.extensionAllowed,
              std::vector<std::string>{"https://acme.my.connect.aws,https://agents.example.com"});
    EXPECT_EQ(facts.profiles[1].file, temp_ / "udd/Profile 1/Preferences");
    EXPECT_FALSE(facts.profiles[1].cookieControlsMode);
}

TEST_F(BrowserCookiesProbe, NeverFollowsALinkNorReadsAHugeFile) {
    const auto real =
        temp_.write("elsewhere/Preferences", R"({"profile": {"cookie_controls_mode": 0}})");
    fs::create_directories(temp_ / "udd/Default");
    fs::create_symlink(real, temp_ / "udd/Default/Preferences");
    fs::create_directories(temp_ / "policy");
    fs::create_symlink(real, temp_ / "policy/linked.json");
    temp_.write("policy/huge.json", std::string(kMaxPolicyFileBytes + 1, ' '));

    const auto facts =
        read_browser_cookie_facts({Browser::kChrome, temp_ / "policy", temp_ / "udd", {}});
    ASSERT_EQ(facts.profiles.size(), 1u);
    EXPECT_EQ(facts.profiles[0].problem, "it is a symbolic link: not followed");
    EXPECT_FALSE(facts.profiles[0].cookieControlsMode);
    ASSERT_EQ(facts.policy.problems.size(), 2u);
    EXPECT_NE(facts.policy.problems[0].find("larger than"), std::string::npos);
    EXPECT_NE(facts.policy.problems[1].find("symbolic link"), std::string::npos);
    EXPECT_TRUE(facts.policy.files.empty());
    EXPECT_EQ(judge_one(facts).status, Status::kWarn) << "unreadable files are said, not skipped";
}

TEST_F(BrowserCookiesProbe, NoFoldersNoFacts) {
    const auto facts =
        read_browser_cookie_facts({Browser::kEdge, temp_ / "none", temp_ / "none-udd", {}});
    EXPECT_TRUE(facts.policy.files.empty());
    EXPECT_TRUE(facts.policy.problems.empty());
    EXPECT_TRUE(facts.profiles.empty());
}

TEST(BrowserCookiesTargets, LinuxPolicyFoldersAndTheBrowsersOwnUserDataDirs) {
    platform::HomeDirs dirs;
    dirs.home = "/home/agent";
    dirs.xdgConfigHome = "/home/agent/.config";
    const auto targets = cookie_probe_targets(
        {Browser::kChrome, Browser::kChromium, Browser::kEdge, Browser::kBrave}, dirs, std::nullopt,
        platform::System::kLinux);
    ASSERT_EQ(targets.size(), 4u);
    EXPECT_EQ(targets[0].policy_dir, fs::path("/etc/opt/chrome/policies/managed"));
    EXPECT_EQ(targets[0].user_data_dir, fs::path("/home/agent/.config/google-chrome"));
    EXPECT_EQ(targets[1].policy_dir, fs::path("/etc/chromium/policies/managed"));
    EXPECT_EQ(targets[1].user_data_dir, fs::path("/home/agent/.config/chromium"));
    EXPECT_EQ(targets[2].policy_dir, fs::path("/etc/opt/edge/policies/managed"));
    EXPECT_FALSE(targets[3].policy_dir) << "Brave's folder is not confirmed";
    const auto given = cookie_probe_targets({Browser::kChromium}, dirs, fs::path("/tmp/udd"),
                                            platform::System::kLinux);
    EXPECT_EQ(given[0].user_data_dir, fs::path("/tmp/udd"));
    EXPECT_FALSE(targets[0].policy_key) << "the registry is Windows's";
    EXPECT_FALSE(
        cookie_probe_targets({Browser::kChrome}, dirs, std::nullopt, platform::System::kWindows)[0]
            .policy_dir);
}

TEST(BrowserCookiesTargets, WindowsPolicyKeysAndUserDataDirsUnderLocalAppData) {
    platform::HomeDirs dirs;
    dirs.localAppData = "/c/Users/agent/AppData/Local";
    const auto targets = cookie_probe_targets(
        {Browser::kChrome, Browser::kChromium, Browser::kEdge, Browser::kBrave}, dirs, std::nullopt,
        platform::System::kWindows);
    ASSERT_EQ(targets.size(), 4u);
    EXPECT_EQ(targets[0].policy_key, "SOFTWARE\\Policies\\Google\\Chrome");
    EXPECT_EQ(targets[1].policy_key, "SOFTWARE\\Policies\\Chromium");
    EXPECT_EQ(targets[2].policy_key, "SOFTWARE\\Policies\\Microsoft\\Edge");
    EXPECT_EQ(targets[3].policy_key, "SOFTWARE\\Policies\\BraveSoftware\\Brave");
    for (const auto& target : targets) EXPECT_FALSE(target.policy_dir);
    EXPECT_EQ(targets[0].user_data_dir, dirs.localAppData / "Google" / "Chrome" / "User Data");
    EXPECT_EQ(targets[1].user_data_dir, dirs.localAppData / "Chromium" / "User Data");
    EXPECT_EQ(targets[2].user_data_dir, dirs.localAppData / "Microsoft" / "Edge" / "User Data");
    EXPECT_EQ(targets[3].user_data_dir,
              dirs.localAppData / "BraveSoftware" / "Brave-Browser" / "User Data");
    EXPECT_FALSE(cookie_probe_targets({Browser::kEdge}, platform::HomeDirs{}, std::nullopt,
                                      platform::System::kWindows)[0]
                     .user_data_dir)
        << "without %LOCALAPPDATA%, only the policy";
}

TEST(BrowserCookiesJudge, ARegistryPolicyIsJudgedLikeAFileAndNotCalledUnreadable) {
    CookiePolicy policy;
    policy.registryKey = "SOFTWARE\\Policies\\Google\\Chrome";
    policy.keys = {"HKLM\\SOFTWARE\\Policies\\Google\\Chrome"};
    policy.blockThirdPartyCookies = true;
    // No profile: the policy alone is something to judge.
    const auto result = judge_one(browser(Browser::kChrome, {}, policy));
    EXPECT_EQ(result.status, Status::kFail);
    EXPECT_NE(result.summary.find("BlockThirdPartyCookies"), std::string::npos) << result.summary;
    for (const auto& detail : result.details)
        EXPECT_EQ(detail.find("not read on this system"), std::string::npos) << detail;

    CookiePolicy unread;  // macOS: neither a folder nor a key
    const auto mac = judge_one(browser(Browser::kChrome, {prefs(0)}, unread));
    ASSERT_FALSE(mac.details.empty());
    EXPECT_NE(mac.details.back().find("not read on this system"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::doctor
