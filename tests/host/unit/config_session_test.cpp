// session.* and relogin.afterInactivity: each value checked per source, how
// they relate checked after the merge (config/session_rules.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/build.h"
#include "config/layers.h"
#include "config/validate.h"
#include "config_test_support.h"

namespace {

namespace config = ccp_relogin::config;
using ccp_relogin::testing::valid_config_document;
using nlohmann::json;

// The reasons validation gives at `path` for a document with `session` set.
std::vector<std::string> session_problems(const json& session, const std::string& path) {
    json doc = valid_config_document();
    doc["session"] = session;
    std::vector<std::string> found;
    for (const auto& p : config::validate_config_json(doc, "test").problems)
        if (p.path == path) found.push_back(p.reason);
    return found;
}

config::LoadedConfig assemble(std::vector<config::ConfigLayer> layers) {
    return config::assemble_config(layers);
}

std::vector<std::string> paths_of(const std::vector<config::Problem>& problems) {
    std::vector<std::string> paths;
    for (const auto& p : problems) paths.push_back(p.source + ":" + p.path);
    return paths;
}

TEST(ConfigSession, DefaultsWhenLeftOut) {
    const auto c = config::build_config(valid_config_document());
    EXPECT_EQ(c.session.maxSeconds, 43200);
    EXPECT_EQ(c.session.refreshBeforeSeconds, 1800);
    EXPECT_EQ(c.session.refreshJitterSeconds, 600);
    EXPECT_EQ(c.relogin.afterInactivity, config::AfterInactivity::kOnReturn);
}

TEST(ConfigSession, ValuesAreBuiltAsWritten) {
    json doc = valid_config_document();
    doc["session"] = {
        {"maxSeconds", 3600}, {"refreshBeforeSeconds", 0}, {"refreshJitterSeconds", 0}};
    doc["relogin"]["afterInactivity"] = "always";
    const auto result = config::validate_config_json(doc, "test");
    EXPECT_TRUE(result.problems.empty());
    const auto c = config::build_config(result.valid);
    EXPECT_EQ(c.session.maxSeconds, 3600);
    EXPECT_EQ(c.session.refreshBeforeSeconds, 0);
    EXPECT_EQ(c.session.refreshJitterSeconds, 0);
    EXPECT_EQ(c.relogin.afterInactivity, config::AfterInactivity::kAlways);
}

TEST(ConfigSession, MaxSecondsIsTheSamlSessionDurationRange) {
    EXPECT_TRUE(session_problems({{"maxSeconds", 900}}, "session.maxSeconds").empty());
    EXPECT_TRUE(session_problems({{"maxSeconds", 43200}}, "session.maxSeconds").empty());
    EXPECT_EQ(session_problems({{"maxSeconds", 899}}, "session.maxSeconds"),
              std::vector<std::string>{"must be between 900 and 43200"});
    EXPECT_EQ(session_problems({{"maxSeconds", 43201}}, "session.maxSeconds"),
              std::vector<std::string>{"must be between 900 and 43200"});
    EXPECT_EQ(session_problems({{"maxSeconds", "12h"}}, "session.maxSeconds"),
              std::vector<std::string>{"must be an integer"});
}

TEST(ConfigSession, RefreshBeforeIsZeroOrAtLeastAMinute) {
    const std::string at = "session.refreshBeforeSeconds";
    EXPECT_TRUE(session_problems({{"refreshBeforeSeconds", 0}}, at).empty());
    EXPECT_TRUE(session_problems({{"refreshBeforeSeconds", 60}}, at).empty());
    for (int seconds : {1, 59})
        EXPECT_EQ(session_problems({{"refreshBeforeSeconds", seconds}}, at),
                  std::vector<std::string>{"must be 0 (no pre-emptive refresh) or at least 60"})
            << seconds;
    EXPECT_FALSE(session_problems({{"refreshBeforeSeconds", -1}}, at).empty());
    EXPECT_FALSE(session_problems({{"refreshBeforeSeconds", 43200}}, at).empty());
}

TEST(ConfigSession, JitterIsAtMostAnHour) {
    const std::string at = "session.refreshJitterSeconds";
    EXPECT_TRUE(session_problems({{"refreshJitterSeconds", 3600}}, at).empty());
    EXPECT_EQ(session_problems({{"refreshJitterSeconds", 3601}}, at),
              std::vector<std::string>{"must be between 0 and 3600"});
    EXPECT_FALSE(session_problems({{"refreshJitterSeconds", -1}}, at).empty());
}

TEST(ConfigSession, UnknownSessionKeyIsAProblem) {
    EXPECT_EQ(session_problems({{"maxMinutes", 10}}, "session.maxMinutes"),
              std::vector<std::string>{"unknown key"});
}

TEST(ConfigSession, AfterInactivityChoices) {
    for (const char* choice : {"on-return", "ask", "always"}) {
        json doc = valid_config_document();
        doc["relogin"]["afterInactivity"] = choice;
        EXPECT_TRUE(config::validate_config_json(doc, "test").problems.empty()) << choice;
    }
    json doc = valid_config_document();
    doc["relogin"]["afterInactivity"] = "never";
    const auto problems = config::validate_config_json(doc, "test").problems;
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "relogin.afterInactivity");
    EXPECT_EQ(problems[0].reason, "must be one of on-return, ask, always");
}

// A session of 15 minutes with the default lead of 30: refreshing "before the
// end" can't be done, so pre-emptive refresh is off, with the reason.
TEST(ConfigSession, RefreshNotBeforeTheEndIsAMergedProblemAndTurnsRefreshOff) {
    json file = valid_config_document();
    file["session"] = {{"maxSeconds", 900}};
    const auto loaded = assemble({{"config.json", file}});
    ASSERT_EQ(loaded.problems.size(), 1u) << ::testing::PrintToString(paths_of(loaded.problems));
    EXPECT_EQ(loaded.problems[0].source, "merged");
    EXPECT_EQ(loaded.problems[0].path, "session.refreshBeforeSeconds");
    EXPECT_EQ(loaded.problems[0].reason,
              "1800 must be less than session.maxSeconds (900); pre-emptive refresh is off until "
              "it is");
    EXPECT_EQ(loaded.config.session.maxSeconds, 900);
    EXPECT_EQ(loaded.config.session.refreshBeforeSeconds, 0);
    EXPECT_EQ(loaded.config.session.refreshJitterSeconds, 600);  // unused without a refresh
}

TEST(ConfigSession, JitterNotWithinTheLeadIsAMergedProblemAndDropsTheSpread) {
    json policy = {{"session", {{"refreshBeforeSeconds", 300}}}};
    const auto loaded = assemble({{"policy", policy}, {"config.json", valid_config_document()}});
    ASSERT_EQ(loaded.problems.size(), 1u) << ::testing::PrintToString(paths_of(loaded.problems));
    EXPECT_EQ(loaded.problems[0].path, "session.refreshJitterSeconds");
    EXPECT_EQ(loaded.problems[0].reason,
              "600 must be less than session.refreshBeforeSeconds (300); no spread is used until "
              "it is");
    EXPECT_EQ(loaded.config.session.refreshBeforeSeconds, 300);
    EXPECT_EQ(loaded.config.session.refreshJitterSeconds, 0);
}

TEST(ConfigSession, NoRefreshMakesAnyJitterFine) {
    json file = valid_config_document();
    file["session"] = {{"refreshBeforeSeconds", 0}, {"refreshJitterSeconds", 3600}};
    const auto loaded = assemble({{"config.json", file}});
    EXPECT_TRUE(loaded.problems.empty()) << ::testing::PrintToString(paths_of(loaded.problems));
    EXPECT_EQ(loaded.config.session.refreshJitterSeconds, 3600);
}

// The relation is judged on the merged values: a user file's lead fits the
// machine file's session length.
TEST(ConfigSession, ValuesFromDifferentSourcesAreJudgedTogether) {
    json user = {{"session", {{"refreshBeforeSeconds", 600}, {"refreshJitterSeconds", 120}}}};
    json machine = valid_config_document();
    machine["session"] = {{"maxSeconds", 900}};
    const auto loaded = assemble({{"user.json", user}, {"machine.json", machine}});
    EXPECT_TRUE(loaded.problems.empty()) << ::testing::PrintToString(paths_of(loaded.problems));
    EXPECT_EQ(loaded.config.session.maxSeconds, 900);
    EXPECT_EQ(loaded.config.session.refreshBeforeSeconds, 600);
    EXPECT_EQ(loaded.config.session.refreshJitterSeconds, 120);
}

TEST(ConfigSession, ThePolicyMaySetTheSessionSettings) {
    json policy = {{"session", {{"maxSeconds", 28800}}}, {"relogin", {{"afterInactivity", "ask"}}}};
    const auto loaded = assemble({{"policy", policy}, {"config.json", valid_config_document()}});
    EXPECT_TRUE(loaded.problems.empty()) << ::testing::PrintToString(paths_of(loaded.problems));
    EXPECT_EQ(loaded.config.session.maxSeconds, 28800);
    EXPECT_EQ(loaded.config.relogin.afterInactivity, config::AfterInactivity::kAsk);
}

}  // namespace
