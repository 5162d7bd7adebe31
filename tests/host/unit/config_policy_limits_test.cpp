// What the browser policy may change. It is the highest layer, but it reaches
// the host in the extension's hello, so the host cannot tell an
// administrator's managed storage from what any trusted caller sends. Without
// the files' leave (browserPolicy.*) it may not change where the audit trail
// goes, nor loosen loop protection below what the files (or the defaults) say.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/layers.h"
#include "config_test_support.h"

namespace {

namespace config = ccp_relogin::config;
using ccp_relogin::testing::valid_config_document;
using nlohmann::json;

config::LoadedConfig with_policy(const json& policy, const json& file = valid_config_document()) {
    return config::assemble_config({{"policy", policy}, {"/etc/ccp-relogin/config.json", file}});
}

// The reasons reported for the policy at `path`.
std::vector<std::string> policy_problems_at(const config::LoadedConfig& loaded,
                                            const std::string& path) {
    std::vector<std::string> reasons;
    for (const auto& p : loaded.problems)
        if (p.source == "policy" && p.path == path) reasons.push_back(p.reason);
    return reasons;
}

TEST(ConfigPolicyLimits, PolicyMayNotPointTheAuditTrailElsewhere) {
    const auto loaded =
        with_policy({{"audit", {{"forwardUrl", "https://collector.evil.example/"}}}});
    EXPECT_EQ(loaded.config.audit.forwardUrl, std::nullopt);
    EXPECT_EQ(policy_problems_at(loaded, "audit.forwardUrl").size(), 1u);
}

TEST(ConfigPolicyLimits, PolicyMayNotChangeTheForwardFormatEither) {
    json file = valid_config_document();
    file["audit"]["forwardUrl"] = "https://siem.example.com/in";
    const auto loaded = with_policy({{"audit", {{"forwardFormat", "otlp"}}}}, file);
    EXPECT_EQ(loaded.config.audit.forwardFormat, "json");
    EXPECT_EQ(policy_problems_at(loaded, "audit.forwardFormat").size(), 1u);
    file["browserPolicy"] = {{"maySetAuditForwardUrl", true}};
    EXPECT_EQ(
        with_policy({{"audit", {{"forwardFormat", "otlp"}}}}, file).config.audit.forwardFormat,
        "otlp");
}

TEST(ConfigPolicyLimits, PolicyMayNotChangeThePinnedKeys) {
    json file = valid_config_document();
    file["audit"]["forwardUrl"] = "https://siem.example.com/in";
    file["audit"]["forwardPublicKeySha256"] = {"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="};
    const auto loaded = with_policy({{"audit", {{"forwardPublicKeySha256", json::array()}}}}, file);
    EXPECT_EQ(loaded.config.audit.forwardPublicKeySha256.size(), 1u) << "the files' pin stays";
    EXPECT_EQ(policy_problems_at(loaded, "audit.forwardPublicKeySha256").size(), 1u);
}

TEST(ConfigPolicyLimits, PolicyMayNotChooseTheTokenFile) {
    json file = valid_config_document();
    file["audit"]["forwardUrl"] = "https://splunk.example.com:8088/services/collector/event";
    file["audit"]["forwardFormat"] = "splunk-hec";
    file["audit"]["forwardTokenFile"] = "/etc/ccp-relogin/hec-token";
    const auto loaded =
        with_policy({{"audit", {{"forwardTokenFile", "/home/agent/.ssh/id_rsa"}}}}, file);
    EXPECT_EQ(loaded.config.audit.forwardTokenFile, "/etc/ccp-relogin/hec-token");
    EXPECT_EQ(policy_problems_at(loaded, "audit.forwardTokenFile").size(), 1u);
}

TEST(ConfigPolicyLimits, PolicyMayNotSwitchForwardingOff) {
    json file = valid_config_document();
    file["audit"]["forwardUrl"] = "https://siem.example.com/in";
    const auto loaded = with_policy({{"audit", {{"forwardUrl", nullptr}}}}, file);
    EXPECT_EQ(loaded.config.audit.forwardUrl, "https://siem.example.com/in");
    EXPECT_EQ(policy_problems_at(loaded, "audit.forwardUrl").size(), 1u);
}

TEST(ConfigPolicyLimits, PolicyRepeatingTheFilesForwardUrlIsNoProblem) {
    json file = valid_config_document();
    file["audit"]["forwardUrl"] = "https://siem.example.com/in";
    const auto loaded = with_policy(file, file);
    EXPECT_EQ(loaded.config.audit.forwardUrl, "https://siem.example.com/in");
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].path;
}

TEST(ConfigPolicyLimits, TheFilesMayLetPolicySetTheForwardUrl) {
    json file = valid_config_document();
    file["browserPolicy"] = {{"maySetAuditForwardUrl", true}};
    const auto loaded =
        with_policy({{"audit", {{"forwardUrl", "https://siem.example.com/policy"}}}}, file);
    EXPECT_EQ(loaded.config.audit.forwardUrl, "https://siem.example.com/policy");
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].path;
}

TEST(ConfigPolicyLimits, PolicyMayNotLoosenTheGuard) {
    const auto loaded = with_policy(
        {{"guard", {{"maxAttempts", 20}, {"windowSeconds", 60}, {"postLoginSeconds", 5}}}});
    EXPECT_EQ(loaded.config.guard.maxAttempts, 3);
    EXPECT_EQ(loaded.config.guard.windowSeconds, 900);
    EXPECT_EQ(loaded.config.guard.postLoginSeconds, 60);
    EXPECT_EQ(policy_problems_at(loaded, "guard.maxAttempts").size(), 1u);
    EXPECT_EQ(policy_problems_at(loaded, "guard.windowSeconds").size(), 1u);
    EXPECT_EQ(policy_problems_at(loaded, "guard.postLoginSeconds").size(), 1u);
}

TEST(ConfigPolicyLimits, TheDefaultsCountWhenTheFilesSayNothing) {
    json file = valid_config_document();
    file.erase("guard");
    const auto loaded = with_policy({{"guard", {{"maxAttempts", 4}}}}, file);
    EXPECT_EQ(loaded.config.guard.maxAttempts, 3);
    EXPECT_EQ(policy_problems_at(loaded, "guard.maxAttempts").size(), 1u);
}

TEST(ConfigPolicyLimits, PolicyMayTightenTheGuard) {
    const auto loaded = with_policy(
        {{"guard", {{"maxAttempts", 2}, {"windowSeconds", 1800}, {"postLoginSeconds", 120}}}});
    EXPECT_EQ(loaded.config.guard.maxAttempts, 2);
    EXPECT_EQ(loaded.config.guard.windowSeconds, 1800);
    EXPECT_EQ(loaded.config.guard.postLoginSeconds, 120);
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].path;
}

TEST(ConfigPolicyLimits, TheFilesMayLetPolicyLoosenTheGuard) {
    json file = valid_config_document();
    file["browserPolicy"] = {{"mayLoosenGuard", true}};
    const auto loaded = with_policy({{"guard", {{"maxAttempts", 20}}}}, file);
    EXPECT_EQ(loaded.config.guard.maxAttempts, 20);
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].path;
}

// Otherwise a caller could grant itself the leave in its own hello.
TEST(ConfigPolicyLimits, PolicyMayNotGiveItselfLeave) {
    const auto loaded =
        with_policy({{"browserPolicy", {{"maySetAuditForwardUrl", true}, {"mayLoosenGuard", true}}},
                     {"guard", {{"maxAttempts", 20}}},
                     {"audit", {{"forwardUrl", "https://collector.evil.example/"}}}});
    EXPECT_FALSE(loaded.config.browserPolicy.maySetAuditForwardUrl);
    EXPECT_FALSE(loaded.config.browserPolicy.mayLoosenGuard);
    EXPECT_EQ(loaded.config.guard.maxAttempts, 3);
    EXPECT_EQ(loaded.config.audit.forwardUrl, std::nullopt);
    EXPECT_EQ(policy_problems_at(loaded, "browserPolicy").size(), 1u);
}

// A file is the administrator's: its own values are never limited.
TEST(ConfigPolicyLimits, FilesAreNotLimited) {
    json user = valid_config_document();
    user["guard"]["maxAttempts"] = 20;
    user["audit"]["forwardUrl"] = "https://siem.example.com/in";
    const auto loaded =
        config::assemble_config({{"/home/a/.config/ccp-relogin/config.json", user},
                                 {"/etc/ccp-relogin/config.json", valid_config_document()}});
    EXPECT_EQ(loaded.config.guard.maxAttempts, 20);
    EXPECT_EQ(loaded.config.audit.forwardUrl, "https://siem.example.com/in");
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems[0].path;
}

}  // namespace
