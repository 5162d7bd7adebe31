// The cookie policies of a browser's registry key, converted from values as
// the registry reader hands them over (platform/policy_registry.h), in the
// shapes Chromium reads (docs/facts.md, "Third-party cookies" and
// "Policies"): precedence of the machine over the user per policy, both list
// forms, and every value of the wrong shape reported, not taken.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doctor/registry_cookie_policy.h"

namespace ccp_relogin::doctor {
namespace {

using platform::RegistryKey;
using platform::RegistryValue;

const std::string kKey = "SOFTWARE\\Policies\\Google\\Chrome";

RegistryValue dword(std::string name, std::uint32_t number) {
    RegistryValue v;
    v.name = std::move(name);
    v.type = RegistryValue::Type::kDword;
    v.number = number;
    return v;
}

RegistryValue text(std::string name, std::string data) {
    RegistryValue v;
    v.name = std::move(name);
    v.type = RegistryValue::Type::kString;
    v.text = std::move(data);
    return v;
}

RegistryValue other(std::string name) {
    RegistryValue v;
    v.name = std::move(name);
    return v;
}

RegistryKey key(const std::string& path, std::vector<RegistryValue> values) {
    return {path, true, std::move(values), {}};
}

RegistryKey absent(const std::string& path) { return {path, false, {}, {}}; }

// One hive's read: the policy key, and the two list subkeys (absent unless given).
RegistryPolicyRead hive(const std::string& root, std::vector<RegistryValue> policy,
                        std::optional<std::vector<RegistryValue>> allowed = std::nullopt,
                        std::optional<std::vector<RegistryValue>> blocked = std::nullopt) {
    const std::string path = root + "\\" + kKey;
    RegistryPolicyRead read;
    read.policy = key(path, std::move(policy));
    const std::string allowed_path = path + "\\CookiesAllowedForUrls";
    const std::string blocked_path = path + "\\CookiesBlockedForUrls";
    read.allowed = allowed ? key(allowed_path, std::move(*allowed)) : absent(allowed_path);
    read.blocked = blocked ? key(blocked_path, std::move(*blocked)) : absent(blocked_path);
    return read;
}

RegistryPolicyRead no_hive(const std::string& root) {
    RegistryPolicyRead read;
    read.policy = absent(root + "\\" + kKey);
    read.allowed = absent(root + "\\" + kKey + "\\CookiesAllowedForUrls");
    read.blocked = absent(root + "\\" + kKey + "\\CookiesBlockedForUrls");
    return read;
}

TEST(RegistryCookiePolicy, TheMachinesPolicyWinsOverTheUsersForEachPolicyName) {
    const auto policy = cookie_policy_from_registry(
        kKey, {hive("HKLM", {dword("BlockThirdPartyCookies", 0)}, std::nullopt,
                    std::vector<RegistryValue>{text("1", "[*.]tracker.example")}),
               hive("HKCU", {dword("BlockThirdPartyCookies", 1)},
                    std::vector<RegistryValue>{
                        text("1", "https://[*.]my.connect.aws,https://agents.example.com")},
                    std::vector<RegistryValue>{text("1", "[*.]user.example")})});
    EXPECT_EQ(policy.blockThirdPartyCookies, false) << "HKLM's 0 over HKCU's 1";
    EXPECT_EQ(policy.blockedForUrls, std::vector<std::string>{"[*.]tracker.example"})
        << "HKLM's list whole, not merged with HKCU's";
    EXPECT_EQ(policy.allowedForUrls,
              std::vector<std::string>{"https://[*.]my.connect.aws,https://agents.example.com"})
        << "HKLM sets no CookiesAllowedForUrls: HKCU's applies";
    EXPECT_EQ(policy.keys, (std::vector<std::string>{"HKLM\\" + kKey, "HKCU\\" + kKey}));
    EXPECT_EQ(policy.registryKey, kKey);
    EXPECT_TRUE(policy.problems.empty());
}

TEST(RegistryCookiePolicy, AUserPolicyAloneApplies) {
    const auto policy = cookie_policy_from_registry(
        kKey, {no_hive("HKLM"), hive("HKCU", {dword("BlockThirdPartyCookies", 7)})});
    EXPECT_EQ(policy.blockThirdPartyCookies, true) << "any non-zero REG_DWORD is true";
    EXPECT_EQ(policy.keys, std::vector<std::string>{"HKCU\\" + kKey});
}

TEST(RegistryCookiePolicy, NoKeyNoPolicyButTheKeyIsNamedAsLookedFor) {
    const auto policy = cookie_policy_from_registry(kKey, {no_hive("HKLM"), no_hive("HKCU")});
    EXPECT_FALSE(policy.blockThirdPartyCookies);
    EXPECT_TRUE(policy.keys.empty());
    EXPECT_TRUE(policy.allowedForUrls.empty());
    EXPECT_EQ(policy.registryKey, kKey);
    EXPECT_FALSE(policy.dir);
}

TEST(RegistryCookiePolicy, ANumericStringIsTakenAsTheBooleanToo) {
    EXPECT_EQ(cookie_policy_from_registry(
                  kKey, {hive("HKLM", {text("BlockThirdPartyCookies", "1")}), no_hive("HKCU")})
                  .blockThirdPartyCookies,
              true);
    EXPECT_EQ(cookie_policy_from_registry(
                  kKey, {hive("HKLM", {text("BlockThirdPartyCookies", "0")}), no_hive("HKCU")})
                  .blockThirdPartyCookies,
              false);
}

TEST(RegistryCookiePolicy, AValueOfTheWrongTypeIsAProblemAndTheUsersValueThenApplies) {
    const auto policy =
        cookie_policy_from_registry(kKey, {hive("HKLM", {text("BlockThirdPartyCookies", "yes")}),
                                           hive("HKCU", {dword("BlockThirdPartyCookies", 1)})});
    EXPECT_EQ(policy.blockThirdPartyCookies, true);
    ASSERT_EQ(policy.problems.size(), 1u);
    EXPECT_EQ(policy.problems[0], "policy HKLM\\" + kKey +
                                      "\\BlockThirdPartyCookies: a REG_SZ that is no number, not a "
                                      "REG_DWORD: not taken");

    const auto binary = cookie_policy_from_registry(
        kKey, {hive("HKLM", {other("BlockThirdPartyCookies")}), no_hive("HKCU")});
    EXPECT_FALSE(binary.blockThirdPartyCookies);
    ASSERT_EQ(binary.problems.size(), 1u);
    EXPECT_NE(binary.problems[0].find("neither a REG_DWORD nor a REG_SZ"), std::string::npos);
}

TEST(RegistryCookiePolicy, ListEntriesAreTheNumberedStringsInNumberOrder) {
    const auto policy = cookie_policy_from_registry(
        kKey, {hive("HKLM", {},
                    std::vector<RegistryValue>{text("10", "ten.example"), text("2", "two.example"),
                                               text("1", "one.example"), text("note", "ignored"),
                                               dword("3", 3)}),
               no_hive("HKCU")});
    EXPECT_EQ(policy.allowedForUrls,
              (std::vector<std::string>{"one.example", "two.example", "ten.example"}));
    ASSERT_EQ(policy.problems.size(), 1u)
        << "a name that is no number is ignored, as Chromium does";
    EXPECT_EQ(policy.problems[0], "policy HKLM\\" + kKey +
                                      "\\CookiesAllowedForUrls\\3: a REG_DWORD, not a REG_SZ: not "
                                      "taken");
}

TEST(RegistryCookiePolicy, AnEmptyListKeyStillSetsThePolicy) {
    const auto policy = cookie_policy_from_registry(
        kKey, {hive("HKLM", {}, std::vector<RegistryValue>{}),
               hive("HKCU", {}, std::vector<RegistryValue>{text("1", "user.example")})});
    EXPECT_TRUE(policy.allowedForUrls.empty()) << "HKLM sets it, to nothing";
}

TEST(RegistryCookiePolicy, AListMayBeOneRegSzOfJson) {
    const auto policy = cookie_policy_from_registry(
        kKey, {hive("HKLM", {text("CookiesAllowedForUrls",
                                  R"(["https://[*.]my.connect.aws,https://agents.example.com"])"),
                             text("CookiesBlockedForUrls", "[*.]not-json.example")}),
               hive("HKCU", {}, std::nullopt,
                    std::vector<RegistryValue>{text("1", "[*.]user.example")})});
    EXPECT_EQ(policy.allowedForUrls,
              std::vector<std::string>{"https://[*.]my.connect.aws,https://agents.example.com"});
    ASSERT_EQ(policy.problems.size(), 1u);
    EXPECT_EQ(policy.problems[0], "policy HKLM\\" + kKey +
                                      "\\CookiesBlockedForUrls: not a JSON list of strings: not "
                                      "taken");
    EXPECT_EQ(policy.blockedForUrls, std::vector<std::string>{"[*.]user.example"})
        << "HKLM's unreadable list sets nothing: HKCU's applies";
}

TEST(RegistryCookiePolicy, JsonThatIsNotAFlatListOfStringsIsRefused) {
    for (const char* bad : {R"({"a": 1})", R"([1, 2])", R"([["nested"]])", "[", ""}) {
        SCOPED_TRACE(bad);
        const auto policy = cookie_policy_from_registry(
            kKey, {hive("HKLM", {text("CookiesAllowedForUrls", bad)}), no_hive("HKCU")});
        EXPECT_TRUE(policy.allowedForUrls.empty());
        EXPECT_EQ(policy.problems.size(), 1u);
    }
}

TEST(RegistryCookiePolicy, TheReadersProblemsAreReported) {
    auto machine = hive("HKLM", {});
    machine.allowed.exists = true;
    machine.allowed.problems = {machine.allowed.path + "\\1: it is longer than 65536 bytes"};
    auto user = no_hive("HKCU");
    user.policy.problems = {user.policy.path + ": Access is denied."};
    const auto policy = cookie_policy_from_registry(kKey, {machine, user});
    EXPECT_EQ(policy.problems, (std::vector<std::string>{
                                   "policy HKLM\\" + kKey +
                                       "\\CookiesAllowedForUrls\\1: it is longer than 65536 bytes",
                                   "policy HKCU\\" + kKey + ": Access is denied."}));
}

}  // namespace
}  // namespace ccp_relogin::doctor
