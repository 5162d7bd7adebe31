#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/validate.h"
#include "config_test_support.h"

namespace {

using ccp_relogin::config::Problem;
using ccp_relogin::config::validate_config_json;
using ccp_relogin::testing::valid_config_document;
using nlohmann::json;

constexpr const char* kRemove = "<remove>";

struct RuleCase {
    const char* pointer;          // JSON pointer into the valid document
    json value;                   // new value, or kRemove to delete the member
    const char* path;             // expected Problem.path
    std::string reason;           // expected Problem.reason
    const char* absent_in_valid;  // JSON pointer that the valid rest must not contain
};

json mutate(const RuleCase& c) {
    json doc = valid_config_document();
    const json::json_pointer ptr(c.pointer);
    if (c.value.is_string() && c.value.get<std::string>() == kRemove)
        doc.at(ptr.parent_pointer()).erase(ptr.back());
    else
        doc[ptr] = c.value;
    return doc;
}

std::string many(char c, std::size_t n) { return std::string(n, c); }

json strings(std::size_t n, const std::string& s) { return json(std::vector<std::string>(n, s)); }

const char* kUuidA = "178c75e4-b3de-4839-a6aa-e321ab3f3770";

// Every rule of the schema, each with an input that breaks it and the exact message.
std::vector<RuleCase> rule_cases() {
    const std::string alias_reason =
        "not an instance alias (1-45 letters, digits or inner hyphens, not starting with d-)";
    const std::string region_reason = "not an AWS region (like us-east-1)";
    const std::string destination_reason = "must be a path starting with / (not a URL)";
    const std::string destination_chars =
        "contains a character not allowed in a URL path (space, #, \\, quote, control or "
        "non-ASCII)";
    const std::string extension_reason = "not an extension ID (32 letters a-p)";
    const std::string probe_path_chars = "may only contain letters, digits, _, -, . and /";
    json twenty_one_urls = strings(21, "https://agents.example.com/ccp");
    json hundred_one_profiles = json::array();
    for (int i = 0; i < 101; ++i)
        hundred_one_profiles.push_back(valid_config_document()["profiles"][0]);
    return {
        // UUIDs
        {"/profiles/0/instance/id", "not-a-uuid", "profiles[0].instance.id", "not a UUID",
         "/profiles/1"},
        {"/profiles/0/instance/id", "178c75e4-b3de-4839-a6aa-e321ab3f377",
         "profiles[0].instance.id", "not a UUID", "/profiles/1"},
        {"/profiles/0/instance/id", "178c75e4b-3de-4839-a6aa-e321ab3f3770",
         "profiles[0].instance.id", "not a UUID", "/profiles/1"},
        {"/profiles/0/instance/id", "178c75e4-b3de-4839-a6aa-e321ab3f377g",
         "profiles[0].instance.id", "not a UUID", "/profiles/1"},
        {"/profiles/0/instance/id", 42, "profiles[0].instance.id", "must be a string",
         "/profiles/1"},
        {"/profiles/0/entra/tenantId", "tenant", "profiles[0].entra.tenantId", "not a UUID",
         "/profiles/1"},
        {"/profiles/0/entra/appId", std::string(kUuidA) + "0", "profiles[0].entra.appId",
         "not a UUID", "/profiles/1"},
        {"/profiles/0/entra/appId", many('a', 257), "profiles[0].entra.appId",
         "longer than 256 characters", "/profiles/1"},
        {"/profiles/1/entra/appId", "", "profiles[1].entra.appId", "not a UUID", "/profiles/1"},
        // Alias
        {"/profiles/0/instance/alias", "d-1234567890", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "D-abc", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "-acme", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "acme-", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "ac.me", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", "acme_co", "profiles[0].instance.alias", alias_reason,
         "/profiles/1"},
        {"/profiles/0/instance/alias", many('a', 46), "profiles[0].instance.alias",
         "longer than 45 characters", "/profiles/1"},
        // Region and partition
        {"/profiles/0/instance/region", "useast1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "US-EAST-1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-east-1.evil.com/x", "profiles[0].instance.region",
         region_reason, "/profiles/1"},
        {"/profiles/0/instance/region", "us-east-123", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-east-", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "u-east-1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "use-east-1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us--1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-east-1-", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-gov-", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-East-1", "profiles[0].instance.region", region_reason,
         "/profiles/1"},
        {"/profiles/0/instance/region", "us-gov-west-x", "profiles[0].instance.region",
         region_reason, "/profiles/1"},
        {"/profiles/0/instance/partition", "aws-cn", "profiles[0].instance.partition",
         "must be one of aws, aws-us-gov", "/profiles/1"},
        {"/profiles/0/instance/partition", "aws-us-gov", "profiles[0].instance.region",
         "aws-us-gov needs a us-gov-* region", "/profiles/1"},
        {"/profiles/0/instance/region", "us-gov-west-1", "profiles[0].instance.region",
         "us-gov-* regions need partition aws-us-gov", "/profiles/1"},
        {"/profiles/0/instance/domain", "connect.aws", "profiles[0].instance.domain",
         "must be one of my.connect.aws, awsapps.com", "/profiles/1"},
        {"/profiles/0/entra/launcher", "portal", "profiles[0].entra.launcher",
         "must be one of launcher, myapps", "/profiles/1"},
        // Destination
        {"/profiles/0/destination", "ccp-v2", "profiles[0].destination", destination_reason,
         "/profiles/1"},
        {"/profiles/0/destination", "%2Fccp-v2", "profiles[0].destination", destination_reason,
         "/profiles/1"},
        // An https destination is an external one: only a returnTo entry of the profile.
        {"/profiles/0/destination", "https://evil.com/ccp", "profiles[0].destination",
         "an https destination must also be one of this profile's returnTo entries (an approved "
         "origin of the instance that agents are brought back to)",
         "/profiles/1"},
        {"/profiles/0/destination", "http://agents.example.com/ccp", "profiles[0].destination",
         destination_reason, "/profiles/1"},
        {"/profiles/0/destination", "//evil.com/ccp", "profiles[0].destination", destination_reason,
         "/profiles/1"},
        {"/profiles/0/destination", "", "profiles[0].destination", destination_reason,
         "/profiles/1"},
        {"/profiles/0/destination", "/ccp v2", "profiles[0].destination", destination_chars,
         "/profiles/1"},
        {"/profiles/0/destination", "/ccp#x", "profiles[0].destination", destination_chars,
         "/profiles/1"},
        {"/profiles/0/destination", "/ccp\\x", "profiles[0].destination", destination_chars,
         "/profiles/1"},
        {"/profiles/0/destination", "/ccp\n", "profiles[0].destination", destination_chars,
         "/profiles/1"},
        {"/profiles/0/destination", "/caf\xc3\xa9", "profiles[0].destination", destination_chars,
         "/profiles/1"},
        {"/profiles/0/destination", "/" + many('a', 1024), "profiles[0].destination",
         "longer than 1024 characters", "/profiles/1"},
        // returnTo
        {"/profiles/0/returnTo/0", "http://agents.example.com/ccp", "profiles[0].returnTo[0]",
         "not an https URL", "/profiles/1"},
        {"/profiles/0/returnTo/0", "agents.example.com/ccp", "profiles[0].returnTo[0]",
         "not an https URL", "/profiles/1"},
        {"/profiles/0/returnTo/1", "javascript:alert(1)", "profiles[0].returnTo[1]",
         "not an https URL", "/profiles/1"},
        {"/profiles/0/returnTo/0", "https://u:p@agents.example.com/ccp", "profiles[0].returnTo[0]",
         "must not carry a user name or password", "/profiles/1"},
        {"/profiles/0/returnTo/0", "https://agents.example.com/" + many('a', 2048),
         "profiles[0].returnTo[0]", "longer than 2048 characters", "/profiles/1"},
        {"/profiles/0/returnTo", "https://agents.example.com/ccp", "profiles[0].returnTo",
         "must be an array", "/profiles/1"},
        {"/profiles/0/returnTo", twenty_one_urls, "profiles[0].returnTo", "more than 20 entries",
         "/profiles/1"},
        // Names
        {"/profiles/0/name", "", "profiles[0].name", "must not be empty", "/profiles/1"},
        {"/profiles/0/name", "agents us", "profiles[0].name",
         "not a profile name (letters, digits, -, _ and . only)", "/profiles/1"},
        {"/profiles/0/name", many('a', 65), "profiles[0].name", "longer than 64 characters",
         "/profiles/1"},
        {"/profiles/1/name", "agents-us", "profiles[1].name", "duplicate profile name",
         "/profiles/1"},
        // Structure, required members, unknown keys
        {"/profiles/0/destinaton", "/ccp-v2", "profiles[0].destinaton", "unknown key",
         "/profiles/1"},
        {"/profiles/0/instance/arn", "arn:aws:connect:...", "profiles[0].instance.arn",
         "unknown key", "/profiles/1"},
        {"/profiles/0/entra/secret", "x", "profiles[0].entra.secret", "unknown key", "/profiles/1"},
        {"/profiles/0/instance/id", kRemove, "profiles[0].instance.id", "required", "/profiles/1"},
        {"/profiles/0/instance/alias", kRemove, "profiles[0].instance.alias", "required",
         "/profiles/1"},
        {"/profiles/0/instance/region", kRemove, "profiles[0].instance.region", "required",
         "/profiles/1"},
        {"/profiles/0/entra/tenantId", kRemove, "profiles[0].entra.tenantId", "required",
         "/profiles/1"},
        {"/profiles/0/entra/appId", kRemove, "profiles[0].entra.appId", "required", "/profiles/1"},
        {"/profiles/0/entra", kRemove, "profiles[0].entra", "required", "/profiles/1"},
        {"/profiles/0/instance", kRemove, "profiles[0].instance", "required", "/profiles/1"},
        {"/profiles/0/name", kRemove, "profiles[0].name", "required", "/profiles/1"},
        {"/profiles/0/instance", json::array(), "profiles[0].instance", "must be an object",
         "/profiles/1"},
        {"/profiles/0", "agents-us", "profiles[0]", "must be an object", "/profiles/1"},
        {"/profiles", json::object(), "profiles", "must be an array", "/profiles"},
        {"/profiles", hundred_one_profiles, "profiles", "more than 100 entries", "/profiles"},
        // Detection
        {"/detection/phrases/1", "", "detection.phrases[1]", "must not be empty",
         "/detection/phrases/1"},
        {"/detection/phrases/0", " \t", "detection.phrases[0]", "must not be empty",
         "/detection/phrases/0"},
        {"/detection/phrases/0", 7, "detection.phrases[0]", "must be a string",
         "/detection/phrases/0"},
        {"/detection/phrases/0", many('x', 201), "detection.phrases[0]",
         "longer than 200 characters", "/detection/phrases/0"},
        {"/detection/phrases", strings(51, "Session expired"), "detection.phrases",
         "more than 50 entries", "/detection/phrases"},
        {"/detection/loginPaths/0", "login", "detection.loginPaths[0]", "must start with /",
         "/detection/loginPaths/1"},
        {"/detection/loginPaths", strings(21, "/login"), "detection.loginPaths",
         "more than 20 entries", "/detection/loginPaths"},
        {"/detection/phrase", json::array(), "detection.phrase", "unknown key",
         "/detection/phrase"},
        {"/detection", json::array(), "detection", "must be an object", "/detection"},
        // Detection: the session probe
        {"/detection/probe/enabled", "yes", "detection.probe.enabled", "must be true or false",
         "/detection/probe/enabled"},
        {"/detection/probe/enabled", 1, "detection.probe.enabled", "must be true or false",
         "/detection/probe/enabled"},
        {"/detection/probe/path", "auth/authorize", "detection.probe.path", "must start with /",
         "/detection/probe/path"},
        {"/detection/probe/path", "https://evil.com/x", "detection.probe.path", "must start with /",
         "/detection/probe/path"},
        {"/detection/probe/path", "", "detection.probe.path", "must start with /",
         "/detection/probe/path"},
        {"/detection/probe/path", "//evil.com/x", "detection.probe.path", "must not contain //",
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth//authorize", "detection.probe.path", "must not contain //",
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth/../admin", "detection.probe.path", "must not contain ..",
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth/x..y", "detection.probe.path", "must not contain ..",
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth/authorize?next=/x", "detection.probe.path",
         probe_path_chars, "/detection/probe/path"},
        {"/detection/probe/path", "/auth/authorize#x", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth%2F..", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth\\x", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth authorize", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth@evil.com", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/caf\xc3\xa9", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", "/auth\n", "detection.probe.path", probe_path_chars,
         "/detection/probe/path"},
        {"/detection/probe/path", 5, "detection.probe.path", "must be a string",
         "/detection/probe/path"},
        {"/detection/probe/path", "/" + many('a', 200), "detection.probe.path",
         "longer than 200 characters", "/detection/probe/path"},
        {"/detection/probe/legacyPath", "connect/auth/authorize", "detection.probe.legacyPath",
         "must start with /", "/detection/probe/legacyPath"},
        {"/detection/probe/legacyPath", "/connect/../auth", "detection.probe.legacyPath",
         "must not contain ..", "/detection/probe/legacyPath"},
        {"/detection/probe/legacyPath", "/connect//auth", "detection.probe.legacyPath",
         "must not contain //", "/detection/probe/legacyPath"},
        {"/detection/probe/signedInStatus", json({200, 99}), "detection.probe.signedInStatus[1]",
         "must be between 100 and 599", "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json({600}), "detection.probe.signedInStatus[0]",
         "must be between 100 and 599", "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json({"200"}), "detection.probe.signedInStatus[0]",
         "must be an integer", "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json({200.5}), "detection.probe.signedInStatus[0]",
         "must be an integer", "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json::array(), "detection.probe.signedInStatus",
         "must not be empty (leave it out, or null, for any 2xx)",
         "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", 200, "detection.probe.signedInStatus",
         "must be an array or null", "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json(std::vector<int>(21, 200)),
         "detection.probe.signedInStatus", "more than 20 entries",
         "/detection/probe/signedInStatus"},
        {"/detection/probe/signedOutStatus", json({401, 1000}),
         "detection.probe.signedOutStatus[1]", "must be between 100 and 599",
         "/detection/probe/signedOutStatus"},
        {"/detection/probe/signedOutStatus", json({-401}), "detection.probe.signedOutStatus[0]",
         "must be between 100 and 599", "/detection/probe/signedOutStatus"},
        {"/detection/probe/signedOutStatus", nullptr, "detection.probe.signedOutStatus",
         "must be an array", "/detection/probe/signedOutStatus"},
        {"/detection/probe/signedOutStatus", "401", "detection.probe.signedOutStatus",
         "must be an array", "/detection/probe/signedOutStatus"},
        {"/detection/probe/signedOutStatus", json(std::vector<int>(21, 401)),
         "detection.probe.signedOutStatus", "more than 20 entries",
         "/detection/probe/signedOutStatus"},
        {"/detection/probe/signedInStatus", json({200, 401}), "detection.probe.signedOutStatus",
         "401 also in signedInStatus: a status cannot mean both signed in and signed out",
         "/detection/probe/signedInStatus"},
        {"/detection/probe/signedInStatus", json({403, 200, 401}),
         "detection.probe.signedOutStatus",
         "401, 403 also in signedInStatus: a status cannot mean both signed in and signed out",
         "/detection/probe/signedOutStatus"},
        {"/detection/probe", json({{"signedInStatus", nullptr}, {"signedOutStatus", {204, 401}}}),
         "detection.probe.signedOutStatus",
         "204 also signed in (every 2xx is, while signedInStatus is not set): a status cannot "
         "mean both signed in and signed out",
         "/detection/probe/signedOutStatus"},
        {"/detection/probe/onUnknown", "skip", "detection.probe.onUnknown",
         "must be one of act, ignore", "/detection/probe/onUnknown"},
        {"/detection/probe/onUnknown", "ACT", "detection.probe.onUnknown",
         "must be one of act, ignore", "/detection/probe/onUnknown"},
        {"/detection/probe/onUnknown", true, "detection.probe.onUnknown", "must be a string",
         "/detection/probe/onUnknown"},
        {"/detection/probe/timeoutMs", 5000, "detection.probe.timeoutMs", "unknown key",
         "/detection/probe/timeoutMs"},
        {"/detection/probe/signedInStatuses", json({200}), "detection.probe.signedInStatuses",
         "unknown key", "/detection/probe/signedInStatuses"},
        {"/detection/probe", json::array(), "detection.probe", "must be an object",
         "/detection/probe"},
        {"/detection/probe", true, "detection.probe", "must be an object", "/detection/probe"},
        // Relogin
        {"/relogin/mode", "popup", "relogin.mode", "must be one of tab, in-place, window",
         "/relogin/mode"},
        {"/relogin/mode", "TAB", "relogin.mode", "must be one of tab, in-place, window",
         "/relogin/mode"},
        {"/relogin/timeoutSeconds", 9, "relogin.timeoutSeconds", "must be between 10 and 3600",
         "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", 3601, "relogin.timeoutSeconds", "must be between 10 and 3600",
         "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", -300, "relogin.timeoutSeconds", "must be between 10 and 3600",
         "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", 18446744073709551615ull, "relogin.timeoutSeconds",
         "must be between 10 and 3600", "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", "300", "relogin.timeoutSeconds", "must be an integer",
         "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", 30.5, "relogin.timeoutSeconds", "must be an integer",
         "/relogin/timeoutSeconds"},
        {"/relogin/timeoutSeconds", true, "relogin.timeoutSeconds", "must be an integer",
         "/relogin/timeoutSeconds"},
        // Guard
        {"/guard/maxAttempts", 0, "guard.maxAttempts", "must be between 1 and 20",
         "/guard/maxAttempts"},
        {"/guard/maxAttempts", 21, "guard.maxAttempts", "must be between 1 and 20",
         "/guard/maxAttempts"},
        {"/guard/windowSeconds", 59, "guard.windowSeconds", "must be between 60 and 86400",
         "/guard/windowSeconds"},
        {"/guard/windowSeconds", 86401, "guard.windowSeconds", "must be between 60 and 86400",
         "/guard/windowSeconds"},
        {"/guard/postLoginSeconds", 4, "guard.postLoginSeconds", "must be between 5 and 3600",
         "/guard/postLoginSeconds"},
        {"/guard/postLoginSeconds", nullptr, "guard.postLoginSeconds", "must be an integer",
         "/guard/postLoginSeconds"},
        {"/guard/max", 3, "guard.max", "unknown key", "/guard/max"},
        // Audit
        {"/audit/forwardUrl", "http://logs.example.com/in", "audit.forwardUrl", "not an https URL",
         "/audit/forwardUrl"},
        {"/audit/forwardUrl", "https://user:token@logs.example.com/", "audit.forwardUrl",
         "must not carry a user name or password", "/audit/forwardUrl"},
        {"/audit/forwardUrl", 1, "audit.forwardUrl", "must be a string or null",
         "/audit/forwardUrl"},
        {"/audit/forwardFormat", "splunk", "audit.forwardFormat",
         "must be \"json\", \"otlp\" or \"splunk-hec\"", "/audit/forwardFormat"},
        {"/audit/forwardTokenFile", "hec-token", "audit.forwardTokenFile",
         "must be an absolute path in printable ASCII", "/audit/forwardTokenFile"},
        {"/audit/forwardTokenFile", 7, "audit.forwardTokenFile", "must be a string",
         "/audit/forwardTokenFile"},
        {"/audit/forwardPublicKeySha256", json::array({"c2hvcnQ="}),
         "audit.forwardPublicKeySha256[0]",
         "not the base64 of a SHA-256 (44 characters ending in \"=\")",
         "/audit/forwardPublicKeySha256/0"},
        {"/audit/forwardPublicKeySha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
         "audit.forwardPublicKeySha256", "must be an array", "/audit/forwardPublicKeySha256"},
        // Extension IDs
        {"/allowedExtensionIds/0", "abc", "allowedExtensionIds[0]", extension_reason,
         "/allowedExtensionIds/0"},
        {"/allowedExtensionIds/0", "lgnognmbodadambbbcigkefnngodpegz", "allowedExtensionIds[0]",
         extension_reason, "/allowedExtensionIds/0"},
        {"/allowedExtensionIds/0", "LGNOGNMBODADAMBBBCIGKEFNNGODPEGE", "allowedExtensionIds[0]",
         extension_reason, "/allowedExtensionIds/0"},
        {"/allowedExtensionIds", strings(65, "lgnognmbodadambbbcigkefnngodpege"),
         "allowedExtensionIds", "more than 64 entries", "/allowedExtensionIds"},
        // The third-party-cookie fix is a plain switch
        {"/detection/fixThirdPartyCookies", "no", "detection.fixThirdPartyCookies",
         "must be true or false", "/detection/fixThirdPartyCookies"},
        {"/detection/fixThirdPartyCookies", 0, "detection.fixThirdPartyCookies",
         "must be true or false", "/detection/fixThirdPartyCookies"},
        // Unknown top-level keys (typos)
        {"/profile", json::array(), "profile", "unknown key", "/profile"},
        {"/Guard", json::object(), "Guard", "unknown key", "/Guard"},
    };
}

TEST(ConfigValidate, ValidDocumentHasNoProblemsAndIsKeptWhole) {
    const json doc = valid_config_document();
    const auto result = validate_config_json(doc, "test.json");
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.valid, doc);
}

// Region names of every shape AWS uses are accepted (only the shape is checked).
TEST(ConfigValidate, RegionShapesThatExistAreAccepted) {
    for (const char* region : {"us-east-1", "ap-southeast-2", "eu-central-1", "ca-west-1",
                               "me-south-1", "il-central-1", "ap-northeast-3"}) {
        SCOPED_TRACE(region);
        json doc = valid_config_document();
        doc["profiles"][0]["instance"]["region"] = region;
        EXPECT_TRUE(validate_config_json(doc, "test").problems.empty());
    }
}

TEST(ConfigValidate, EveryRuleReportsItsExactProblemAndDropsTheInvalidPart) {
    for (const auto& c : rule_cases()) {
        SCOPED_TRACE(std::string(c.pointer) + " -> " + c.value.dump().substr(0, 80));
        const auto result = validate_config_json(mutate(c), "/etc/ccp-relogin/config.json");
        ASSERT_EQ(result.problems.size(), 1u);
        EXPECT_EQ(result.problems[0].source, "/etc/ccp-relogin/config.json");
        EXPECT_EQ(result.problems[0].path, c.path);
        EXPECT_EQ(result.problems[0].reason, c.reason);
        EXPECT_FALSE(result.valid.contains(json::json_pointer(c.absent_in_valid)));
        // Nothing invalid survives: the valid rest validates cleanly.
        EXPECT_TRUE(validate_config_json(result.valid, "again").problems.empty());
    }
}

TEST(ConfigValidate, InvalidProfileIsDroppedWholeAndTheRestIsKept) {
    json doc = valid_config_document();
    doc["profiles"][0]["instance"]["id"] = "nope";
    doc["relogin"]["mode"] = "popup";
    doc["detection"]["phrases"] = {"Session expired", "", "Sitzung abgelaufen"};
    const auto result = validate_config_json(doc, "policy");
    ASSERT_EQ(result.problems.size(), 3u);
    ASSERT_EQ(result.valid["profiles"].size(), 1u);
    EXPECT_EQ(result.valid["profiles"][0]["name"], "admins-us");
    EXPECT_EQ(result.valid["relogin"], json({{"timeoutSeconds", 300}}));
    EXPECT_EQ(result.valid["detection"]["phrases"],
              json({"Session expired", "Sitzung abgelaufen"}));
    EXPECT_EQ(result.valid["guard"], doc["guard"]);
}

TEST(ConfigValidate, ProfileWithSeveralProblemsReportsAll) {
    json doc = valid_config_document();
    doc["profiles"][0]["instance"]["id"] = "nope";
    doc["profiles"][0]["entra"]["launcher"] = "x";
    doc["profiles"][0]["extra"] = 1;
    const auto result = validate_config_json(doc, "f");
    ASSERT_EQ(result.problems.size(), 3u);
    EXPECT_EQ(result.problems[0].path, "profiles[0].entra.launcher");
    EXPECT_EQ(result.problems[1].path, "profiles[0].extra");
    EXPECT_EQ(result.problems[2].path, "profiles[0].instance.id");
}

TEST(ConfigValidate, ProbeBlockWithEveryKeyIsKeptWhole) {
    for (const json& probe : {
             json::parse(R"({"enabled": false, "path": "/api/whoami",
                             "legacyPath": "/connect/api/who_am-i.json",
                             "signedInStatus": [200, 204], "signedOutStatus": [401, 403, 440],
                             "onUnknown": "ignore"})"),
             // null restores "any 2xx"; empty signedOutStatus leaves redirects alone.
             json::parse(R"({"signedInStatus": null, "signedOutStatus": []})"),
             // The origin's root; 2xx signed out once signedInStatus is explicit.
             json::parse(R"({"path": "/", "signedInStatus": [302], "signedOutStatus": [200]})"),
             json::object(),
         }) {
        SCOPED_TRACE(probe.dump());
        json doc = valid_config_document();
        doc["detection"]["probe"] = probe;
        const auto result = validate_config_json(doc, "f");
        for (const auto& p : result.problems) ADD_FAILURE() << p.path << ": " << p.reason;
        EXPECT_EQ(result.valid, doc);
    }
}

TEST(ConfigValidate, ProbeStatusListIsDroppedWholeForOneBadEntry) {
    json doc = valid_config_document();
    doc["detection"]["probe"]["signedOutStatus"] = {401, 99, 403, "440"};
    const auto result = validate_config_json(doc, "f");
    ASSERT_EQ(result.problems.size(), 2u);
    EXPECT_EQ(result.problems[0].path, "detection.probe.signedOutStatus[1]");
    EXPECT_EQ(result.problems[1].path, "detection.probe.signedOutStatus[3]");
    EXPECT_FALSE(result.valid["detection"]["probe"].contains("signedOutStatus"));
    EXPECT_EQ(result.valid["detection"]["probe"]["path"], "/auth/authorize");
}

TEST(ConfigValidate, ProbeStatusListsInConflictAreBothDroppedAndTheRestKept) {
    json doc = valid_config_document();
    doc["detection"]["probe"]["signedInStatus"] = {200, 403};
    doc["detection"]["probe"]["onUnknown"] = "ignore";
    const auto result = validate_config_json(doc, "policy");
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].source, "policy");
    EXPECT_EQ(result.valid["detection"]["probe"], json({{"enabled", true},
                                                        {"path", "/auth/authorize"},
                                                        {"legacyPath", "/connect/auth/authorize"},
                                                        {"onUnknown", "ignore"}}));
}

TEST(ConfigValidate, ProbeSignedOutTwoHundredAloneIsLeftToTheMerge) {
    // Another source may list the signed-in statuses; the merged result is
    // checked (ConfigMerge tests), not this source alone.
    json doc = valid_config_document();
    doc["detection"]["probe"]["signedOutStatus"] = {200};
    EXPECT_TRUE(validate_config_json(doc, "f").problems.empty());
}

TEST(ConfigValidate, DocumentMustBeAnObject) {
    for (const json& doc : {json::array(), json("x"), json(nullptr), json(3)}) {
        const auto result = validate_config_json(doc, "f");
        ASSERT_EQ(result.problems.size(), 1u);
        EXPECT_EQ(result.problems[0].path, "");
        EXPECT_EQ(result.problems[0].reason, "must be an object");
        EXPECT_EQ(result.valid, json::object());
    }
}

TEST(ConfigValidate, EmptyDocumentIsValid) {
    const auto result = validate_config_json(json::object(), "f");
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.valid, json::object());
}

TEST(ConfigValidate, OptionalProfileMembersMayBeAbsent) {
    json doc = valid_config_document();
    doc["profiles"][0].erase("destination");
    doc["profiles"][0].erase("returnTo");
    doc["profiles"][0]["instance"].erase("partition");
    doc["profiles"][0]["instance"].erase("domain");
    doc["profiles"][0]["entra"].erase("launcher");
    EXPECT_TRUE(validate_config_json(doc, "f").problems.empty());
}

TEST(ConfigValidate, GovCloudProfileIsValid) {
    json doc = valid_config_document();
    doc["profiles"][0]["instance"]["partition"] = "aws-us-gov";
    doc["profiles"][0]["instance"]["region"] = "us-gov-west-1";
    EXPECT_TRUE(validate_config_json(doc, "f").problems.empty());
}

TEST(ConfigValidate, HostileKeysAreShownShortAndPrintable) {
    json doc = json::object();
    doc[std::string("\x1b[31m") + std::string(100, 'k')] = 1;
    const auto result = validate_config_json(doc, "f");
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].path, "?[31m" + std::string(59, 'k') + "...");
    EXPECT_EQ(result.problems[0].reason, "unknown key");
}

TEST(ConfigValidate, ManyProblemsAreCappedAndInvalidProfilesStillDropped) {
    json doc = valid_config_document();
    for (int i = 0; i < 1000; ++i)
        doc["a_typo" + std::to_string(i)] = i;      // sorts before "profiles"
    doc["profiles"][1]["instance"]["id"] = "nope";  // found after the cap is reached
    const auto result = validate_config_json(doc, "f");
    ASSERT_EQ(result.problems.size(), ccp_relogin::config::limits::kMaxProblemsShown + 1);
    EXPECT_EQ(result.problems.back().path, "");
    EXPECT_EQ(result.problems.back().reason,
              std::to_string(1001 - ccp_relogin::config::limits::kMaxProblemsShown) +
                  " more problems not shown");
    ASSERT_EQ(result.valid["profiles"].size(), 1u);
    EXPECT_EQ(result.valid["profiles"][0]["name"], "agents-us");
}

TEST(ConfigValidate, DeeplyNestedInputIsRefusedWithoutRecursing) {
    const std::size_t depth = 200000;
    const std::string text =
        R"({"profiles":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
    const auto result = validate_config_json(json::parse(text), "f");
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].path, "profiles[0]");
    EXPECT_EQ(result.problems[0].reason, "must be an object");
}

}  // namespace
