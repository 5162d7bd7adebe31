#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "config/config_file.h"
#include "config/loader.h"
#include "config_test_support.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace config = ccp_relogin::config;
using ccp_relogin::testing::TempDir;
using ccp_relogin::testing::valid_config_document;

// --- Where the sources are ----------------------------------------------------

TEST(ConfigSources, CommandLineBeatsEnvironment) {
    config::ConfigEnvironment env;
    env.ccp_relogin_config = "/from/env.json";
    env.home = "/home/agent";
    EXPECT_EQ(config::config_sources_for(env, fs::path("/from/cli.json")).explicit_file,
              fs::path("/from/cli.json"));
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).explicit_file,
              fs::path("/from/env.json"));
    env.ccp_relogin_config = "";
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).explicit_file, std::nullopt);
    env.ccp_relogin_config.reset();
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).explicit_file, std::nullopt);
}

#if !defined(_WIN32)
TEST(ConfigSources, UserFileFollowsXdgThenHome) {
    config::ConfigEnvironment env;
    env.home = "/home/agent";
    env.xdg_config_home = "/xdg";
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).user_file,
              fs::path("/xdg/ccp-relogin/config.json"));
    env.xdg_config_home = "relative/xdg";  // invalid per the XDG spec: ignored
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).user_file,
              fs::path("/home/agent/.config/ccp-relogin/config.json"));
    env.xdg_config_home = "";
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).user_file,
              fs::path("/home/agent/.config/ccp-relogin/config.json"));
    env.home.reset();
    EXPECT_EQ(config::config_sources_for(env, std::nullopt).user_file, fs::path());
}
#endif

#if defined(__linux__)
TEST(ConfigSources, MachineFileOnLinux) {
    EXPECT_EQ(config::config_sources_for({}, std::nullopt).machine_file,
              fs::path("/etc/ccp-relogin/config.json"));
}
#endif

// --- Reading files ---------------------------------------------------------------

config::ConfigSources only(std::optional<fs::path> explicit_file, fs::path user = {},
                           fs::path machine = {}) {
    return config::ConfigSources{std::move(explicit_file), std::move(user), std::move(machine)};
}

TEST(ConfigLoader, LoadsAValidFile) {
    TempDir dir;
    const auto file = dir.write("config.json", valid_config_document().dump(2));
    const auto loaded = config::load_config(only(file), nullptr);
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_EQ(loaded.config.profiles.size(), 2u);
    EXPECT_EQ(loaded.sources, std::vector<std::string>({file.string()}));
}

TEST(ConfigLoader, MissingUserAndMachineFilesAreFine) {
    TempDir dir;
    const auto file = dir.write("explicit.json", valid_config_document().dump());
    const auto loaded = config::load_config(
        only(file, dir.path() / "no-user.json", dir.path() / "no-machine.json"), nullptr);
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_EQ(loaded.sources.size(), 1u);
}

TEST(ConfigLoader, MissingExplicitFileIsAProblem) {
    TempDir dir;
    const auto missing = dir.path() / "missing.json";
    const auto loaded = config::load_config(only(missing), nullptr);
    ASSERT_EQ(loaded.problems.size(), 2u);
    EXPECT_EQ(loaded.problems[0].source, missing.string());
    EXPECT_EQ(loaded.problems[0].path, "");
    EXPECT_EQ(loaded.problems[0].reason, "file not found");
    EXPECT_EQ(loaded.problems[1].source, config::kMergedSource);
    EXPECT_EQ(loaded.problems[1].path, "profiles");
    EXPECT_EQ(loaded.problems[1].reason, "no profile configured");
}

TEST(ConfigLoader, MalformedFileIsReportedWithItsPositionAndOthersStillLoad) {
    TempDir dir;
    const auto bad = dir.write("bad.json", "{\n  \"relogin\": {\"mode\": tab}\n}\n");
    const auto good = dir.write("user.json", valid_config_document().dump());
    const auto loaded = config::load_config(only(bad, good), nullptr);
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, bad.string());
    EXPECT_EQ(loaded.problems[0].path, "");
    EXPECT_EQ(loaded.problems[0].reason, "not valid JSON (error at line 2, column 24)");
    EXPECT_EQ(loaded.config.profiles.size(), 2u);
    EXPECT_EQ(loaded.sources, std::vector<std::string>({bad.string(), good.string()}));
}

TEST(ConfigLoader, ParseErrorsNeverEchoTheText) {
    const auto read = config::parse_config_text("{\"secret\": \"abc\" garbage}", "x");
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_EQ(read.problems[0].reason.find("garbage"), std::string::npos);
    EXPECT_EQ(read.problems[0].reason.find("abc"), std::string::npos);
}

TEST(ConfigLoader, ParseErrorPositions) {
    struct Case {
        const char* text;
        const char* reason;
    };
    const Case cases[] = {
        {"", "not valid JSON (error at line 1, column 1)"},
        {"{", "not valid JSON (error at line 1, column 2)"},
        {"{\"a\":1,}", "not valid JSON (error at line 1, column 8)"},
        {"{}\n\n  x", "not valid JSON (error at line 3, column 3)"},
        {"{\"a\":\"\xff\"}", "not valid JSON (error at line 1, column 7)"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const auto read = config::parse_config_text(c.text, "src");
        EXPECT_FALSE(read.document.has_value());
        ASSERT_EQ(read.problems.size(), 1u);
        EXPECT_EQ(read.problems[0].source, "src");
        EXPECT_EQ(read.problems[0].reason, c.reason);
    }
}

// nlohmann throws out_of_range (406), not parse_error, for a number beyond a
// double: it must still be a problem of that file, not an abort.
TEST(ConfigLoader, ANumberTooLargeForADoubleIsAProblemOfItsFile) {
    TempDir dir;
    const auto huge = dir.write("huge.json", R"({"guard":{"maxAttempts":1e999}})");
    const auto good = dir.write("user.json", valid_config_document().dump());
    const auto loaded = config::load_config(only(huge, good), nullptr);
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, huge.string());
    EXPECT_EQ(loaded.problems[0].path, "");
    EXPECT_EQ(loaded.problems[0].reason,
              "not valid JSON (a number too large for a double at line 1, column 25)");
    EXPECT_EQ(loaded.config.profiles.size(), 2u) << "the other files still load";
}

TEST(ConfigLoader, NestingDeeperThanTheLimitIsAProblemOfItsFile) {
    const std::string deep = std::string(config::kMaxConfigDepth + 1, '[') +
                             std::string(config::kMaxConfigDepth + 1, ']');
    const auto read = config::parse_config_text(deep, "src");
    EXPECT_FALSE(read.document.has_value());
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_EQ(read.problems[0].reason,
              "nested deeper than " + std::to_string(config::kMaxConfigDepth) + " levels");
}

TEST(ConfigLoader, AcceptsAByteOrderMark) {
    const auto read = config::parse_config_text("\xEF\xBB\xBF{}", "src");
    EXPECT_TRUE(read.problems.empty());
    EXPECT_EQ(read.document, json::object());
}

TEST(ConfigLoader, OversizedFileIsRefusedBeforeReading) {
    TempDir dir;
    const std::string body = valid_config_document().dump();
    std::string exact = body + std::string(config::kMaxConfigFileBytes - body.size(), ' ');
    const auto at_limit = dir.write("at-limit.json", exact);
    EXPECT_TRUE(config::load_config(only(at_limit), nullptr).problems.empty());

    const auto too_big = dir.write("too-big.json", exact + " ");
    const auto loaded = config::load_config(only(too_big), nullptr);
    ASSERT_FALSE(loaded.problems.empty());
    EXPECT_EQ(loaded.problems[0].source, too_big.string());
    EXPECT_EQ(loaded.problems[0].reason, "larger than 1048576 bytes");
}

TEST(ConfigLoader, DirectoryIsNotAFile) {
    TempDir dir;
    const auto loaded = config::load_config(only(dir.path()), nullptr);
    ASSERT_FALSE(loaded.problems.empty());
    EXPECT_EQ(loaded.problems[0].reason, "not a regular file");
}

TEST(ConfigLoader, UnreadableFileIsAProblem) {
    if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
    TempDir dir;
    const auto file = dir.write("locked.json", "{}");
    fs::permissions(file, fs::perms::none);
    const auto loaded = config::load_config(only(file), nullptr);
    ASSERT_FALSE(loaded.problems.empty());
    EXPECT_EQ(loaded.problems[0].reason.rfind("cannot read", 0), 0u);
}

TEST(ConfigLoader, LayersMergeInPrecedenceOrder) {
    TempDir dir;
    const auto machine =
        dir.write("machine.json", json({{"profiles", valid_config_document()["profiles"]},
                                        {"guard", {{"maxAttempts", 2}, {"windowSeconds", 600}}},
                                        {"relogin", {{"mode", "tab"}, {"timeoutSeconds", 60}}}})
                                      .dump());
    const auto user = dir.write("user.json", R"({"guard": {"maxAttempts": 4}})");
    const auto explicit_file =
        dir.write("explicit.json", R"({"relogin": {"mode": "window", "timeoutSeconds": 120}})");
    const json policy = {{"relogin", {{"mode", "in-place"}}}};

    const auto loaded = config::load_config(only(explicit_file, user, machine), &policy);
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_EQ(loaded.config.relogin.mode, config::ReloginMode::kInPlace);  // policy
    EXPECT_EQ(loaded.config.relogin.timeoutSeconds, 120);                  // explicit
    EXPECT_EQ(loaded.config.guard.maxAttempts, 4);                         // user
    EXPECT_EQ(loaded.config.guard.windowSeconds, 600);                     // machine
    EXPECT_EQ(loaded.config.guard.postLoginSeconds, 60);                   // default
    EXPECT_EQ(loaded.config.profiles.size(), 2u);                          // machine
    EXPECT_EQ(loaded.sources, std::vector<std::string>({"policy", explicit_file.string(),
                                                        user.string(), machine.string()}));
}

TEST(ConfigLoader, PolicyProblemsAreReportedAndItsValidRestIsUsed) {
    TempDir dir;
    const auto file = dir.write("config.json", valid_config_document().dump());
    json policy = {{"relogin", {{"mode", "popup"}, {"timeoutSeconds", 90}}},
                   {"guard", {{"maxAttempts", 0}}},
                   {"unknownThing", true}};
    const auto loaded = config::load_config(only(file), &policy);
    ASSERT_EQ(loaded.problems.size(), 3u);
    for (const auto& p : loaded.problems) EXPECT_EQ(p.source, "policy");
    EXPECT_EQ(loaded.problems[0].path, "guard.maxAttempts");
    EXPECT_EQ(loaded.problems[1].path, "relogin.mode");
    EXPECT_EQ(loaded.problems[2].path, "unknownThing");
    EXPECT_EQ(loaded.config.relogin.timeoutSeconds, 90);               // policy's valid rest
    EXPECT_EQ(loaded.config.relogin.mode, config::ReloginMode::kTab);  // file's value
    EXPECT_EQ(loaded.config.guard.maxAttempts, 3);                     // file's value
    EXPECT_EQ(loaded.config.profiles.size(), 2u);
}

TEST(ConfigLoader, PolicyProfileListReplacesTheFilesKeepingItsValidProfiles) {
    TempDir dir;
    const auto file = dir.write("config.json", valid_config_document().dump());
    json policy = {{"profiles", valid_config_document()["profiles"]}};
    policy["profiles"][0]["name"] = "policy-agents";
    policy["profiles"][1]["entra"]["appId"] = "bad";
    const auto loaded = config::load_config(only(file), &policy);
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, "policy");
    EXPECT_EQ(loaded.problems[0].path, "profiles[1].entra.appId");
    ASSERT_EQ(loaded.config.profiles.size(), 1u);
    EXPECT_EQ(loaded.config.profiles[0].name, "policy-agents");
}

TEST(ConfigLoader, PolicyThatIsNotAnObjectIsAProblem) {
    TempDir dir;
    const auto file = dir.write("config.json", valid_config_document().dump());
    const json policy = "surprise";
    const auto loaded = config::load_config(only(file), &policy);
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, "policy");
    EXPECT_EQ(loaded.problems[0].reason, "must be an object");
    EXPECT_EQ(loaded.config.profiles.size(), 2u);
}

TEST(ConfigLoader, NullPolicyIsAbsent) {
    TempDir dir;
    const auto file = dir.write("config.json", valid_config_document().dump());
    const json policy = nullptr;
    const auto loaded = config::load_config(only(file), &policy);
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_EQ(loaded.sources, std::vector<std::string>({file.string()}));
}

TEST(ConfigLoader, ProblemsAreGroupedBySourceHighestFirst) {
    TempDir dir;
    const auto machine = dir.write("machine.json", R"({"guard": {"maxAttempts": 0}})");
    const auto user = dir.write("user.json", R"({"relogin": {"mode": "x"}})");
    const json policy = {{"typo", 1}};
    const auto loaded = config::load_config(only(std::nullopt, user, machine), &policy);
    ASSERT_EQ(loaded.problems.size(), 4u);
    EXPECT_EQ(loaded.problems[0].source, "policy");
    EXPECT_EQ(loaded.problems[1].source, user.string());
    EXPECT_EQ(loaded.problems[2].source, machine.string());
    EXPECT_EQ(loaded.problems[3].source, config::kMergedSource);
}

TEST(ConfigLoader, NoSourceAtAllHasNoProfile) {
    const auto loaded = config::load_config(only(std::nullopt), nullptr);
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].reason, "no profile configured");
    EXPECT_TRUE(loaded.sources.empty());
}

}  // namespace
