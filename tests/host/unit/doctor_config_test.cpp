// doctor's configuration check, from given sources and load results.
#include <gtest/gtest.h>

#include "doctor/check_config.h"

namespace ccp_relogin::doctor {
namespace {

config::ConfigSources sources() {
    config::ConfigSources s;
    s.user_file = "/home/a/.config/ccp-relogin/config.json";
    s.machine_file = "/etc/ccp-relogin/config.json";
    return s;
}

config::Profile named(const std::string& name) {
    config::Profile p;
    p.name = name;
    return p;
}

TEST(DoctorConfig, ProfilesAndTheirSourcesAreOk) {
    config::LoadedConfig loaded;
    loaded.config.profiles = {named("agents-us"), named("admins-us")};
    loaded.sources = {"/etc/ccp-relogin/config.json"};
    const auto r = evaluate_config(sources(), loaded);
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_EQ(r.summary, "2 profiles (agents-us, admins-us) from /etc/ccp-relogin/config.json");
    EXPECT_EQ(r.fix, "");
}

TEST(DoctorConfig, NothingFoundFailsAndSaysWhereItLooked) {
    const auto r = evaluate_config(sources(), config::LoadedConfig{});
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("/home/a/.config/ccp-relogin/config.json"), std::string::npos);
    EXPECT_NE(r.summary.find("/etc/ccp-relogin/config.json"), std::string::npos);
    EXPECT_NE(r.fix.find("CCP_RELOGIN_CONFIG"), std::string::npos);
}

TEST(DoctorConfig, NoUsableProfileFailsWithEachProblemAndItsSource) {
    config::LoadedConfig loaded;
    loaded.sources = {"/tmp/c.json"};
    loaded.problems = {{"/tmp/c.json", "profiles[0].instance.id", "not a UUID"},
                       {config::kMergedSource, "profiles", "no profile configured"}};
    const auto r = evaluate_config(sources(), loaded);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("no usable profile from /tmp/c.json"), std::string::npos);
    ASSERT_EQ(r.details.size(), 2u);
    EXPECT_EQ(r.details[0], "/tmp/c.json: profiles[0].instance.id: not a UUID");
    EXPECT_EQ(r.details[1], "profiles: no profile configured");
}

TEST(DoctorConfig, AnUnreadableFileNamesIt) {
    config::LoadedConfig loaded;
    loaded.sources = {"/tmp/c.json"};
    loaded.problems = {{"/tmp/c.json", "", "not valid JSON: syntax error at line 1, column 2"}};
    const auto r = evaluate_config(sources(), loaded);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_EQ(r.details.at(0), "/tmp/c.json: not valid JSON: syntax error at line 1, column 2");
}

TEST(DoctorConfig, ProblemsBesideUsableProfilesWarn) {
    config::LoadedConfig loaded;
    loaded.config.profiles = {named("agents-us")};
    loaded.sources = {"/tmp/c.json", "/etc/ccp-relogin/config.json"};
    loaded.problems = {{"/etc/ccp-relogin/config.json", "relogin.mode", "unknown value"}};
    const auto r = evaluate_config(sources(), loaded);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(
        r.summary.find("1 profile (agents-us) from /tmp/c.json, /etc/ccp-relogin/config.json"),
        std::string::npos);
    EXPECT_EQ(r.details.at(0), "/etc/ccp-relogin/config.json: relogin.mode: unknown value");
    EXPECT_NE(r.fix.find("check-config"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::doctor
