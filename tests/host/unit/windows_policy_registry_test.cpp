// The registry reader of platform/policy_registry.h and doctor's reading of
// a browser's cookie policy from it, against the real registry (Wine's
// under ./run windows): values written under a test key of
// HKCU\SOFTWARE\Policies, read back, then removed.
#include <gtest/gtest.h>
#include <windows.h>

#include <string>

#include "doctor/registry_cookie_policy.h"
#include "platform/policy_registry.h"

namespace ccp_relogin::platform {
namespace {

class PolicyRegistry : public ::testing::Test {
  protected:
    const std::string key_ =
        "SOFTWARE\\Policies\\ccp-relogin-test-" + std::to_string(::GetCurrentProcessId());

    ~PolicyRegistry() override { ::RegDeleteTreeA(HKEY_CURRENT_USER, key_.c_str()); }

    void set_string(const std::string& subkey, const std::string& name, const std::string& text) {
        ASSERT_EQ(::RegSetKeyValueA(HKEY_CURRENT_USER, subkey.c_str(), name.c_str(), REG_SZ,
                                    text.c_str(), static_cast<DWORD>(text.size() + 1)),
                  ERROR_SUCCESS);
    }
    void set(const std::string& name, DWORD type, const void* data, DWORD size) {
        ASSERT_EQ(
            ::RegSetKeyValueA(HKEY_CURRENT_USER, key_.c_str(), name.c_str(), type, data, size),
            ERROR_SUCCESS);
    }
};

TEST_F(PolicyRegistry, AnAbsentKeyIsNoProblem) {
    const auto read = read_registry_key(RegistryHive::kCurrentUser, key_);
    EXPECT_FALSE(read.exists);
    EXPECT_TRUE(read.values.empty());
    EXPECT_TRUE(read.problems.empty());
    EXPECT_EQ(read.path, "HKCU\\" + key_);
}

TEST_F(PolicyRegistry, ReadsDwordsAndStringsAndNamesOtherTypes) {
    const DWORD one = 1;
    set("BlockThirdPartyCookies", REG_DWORD, &one, sizeof(one));
    set_string(key_, "Homepage", "https://agents.example.com/");
    const BYTE bytes[] = {1, 2, 3};
    set("Binary", REG_BINARY, bytes, sizeof(bytes));
    const auto read = read_registry_key(RegistryHive::kCurrentUser, key_);
    ASSERT_TRUE(read.exists);
    ASSERT_EQ(read.values.size(), 3u);
    for (const auto& value : read.values) {
        if (value.name == "BlockThirdPartyCookies") {
            EXPECT_EQ(value.type, RegistryValue::Type::kDword);
            EXPECT_EQ(value.number, 1u);
        } else if (value.name == "Homepage") {
            EXPECT_EQ(value.type, RegistryValue::Type::kString);
            EXPECT_EQ(value.text, "https://agents.example.com/");
        } else {
            EXPECT_EQ(value.name, "Binary");
            EXPECT_EQ(value.type, RegistryValue::Type::kOther);
        }
    }
    const auto named = read_registry_key(RegistryHive::kCurrentUser, key_, {"Homepage"});
    ASSERT_EQ(named.values.size(), 1u);
    EXPECT_EQ(named.values[0].text, "https://agents.example.com/");
}

TEST_F(PolicyRegistry, AStringOverTheLimitIsAProblemNotRead) {
    set_string(key_, "Huge", std::string(kMaxRegistryStringBytes, 'x'));
    set_string(key_, "Small", "ok");
    const auto read = read_registry_key(RegistryHive::kCurrentUser, key_);
    ASSERT_EQ(read.values.size(), 1u);
    EXPECT_EQ(read.values[0].name, "Small");
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_NE(read.problems[0].find("Huge"), std::string::npos) << read.problems[0];
}

TEST_F(PolicyRegistry, DoctorReadsACookiePolicyAsChromeKeepsIt) {
    const DWORD one = 1;
    set("BlockThirdPartyCookies", REG_DWORD, &one, sizeof(one));
    const std::string entry = "https://[*.]my.connect.aws,https://agents.example.com";
    set_string(key_ + "\\CookiesAllowedForUrls", "2", "https://second.example.com");
    set_string(key_ + "\\CookiesAllowedForUrls", "1", entry);
    const auto policy = doctor::read_registry_cookie_policy(key_);
    ASSERT_TRUE(policy.blockThirdPartyCookies.has_value());
    EXPECT_TRUE(*policy.blockThirdPartyCookies);
    ASSERT_EQ(policy.allowedForUrls.size(), 2u);
    EXPECT_EQ(policy.allowedForUrls[0], entry);
    EXPECT_TRUE(policy.problems.empty());
}

}  // namespace
}  // namespace ccp_relogin::platform
