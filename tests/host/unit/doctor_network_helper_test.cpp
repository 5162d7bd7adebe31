// doctor/network_helper.h: the results ccp-relogin-network prints are read
// back as they were, and every way the helper can fail is one failing
// "network" line naming the helper, never a crash or an empty report.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>

#include "doctor/network_helper.h"
#include "doctor/report.h"
#include "support/temp_dir.h"

namespace ccp_relogin::doctor {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;

const std::vector<CheckResult> kSample{
    {"network login.microsoftonline.com", Status::kOk, "reachable", "", {}},
    {"clock", Status::kWarn, "3 minutes off", "set the clock", {"Date: x"}}};

void expect_same(const std::vector<CheckResult>& got, const std::vector<CheckResult>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].name, want[i].name);
        EXPECT_EQ(got[i].status, want[i].status);
        EXPECT_EQ(got[i].summary, want[i].summary);
        EXPECT_EQ(got[i].fix, want[i].fix);
        EXPECT_EQ(got[i].details, want[i].details);
    }
}

void expect_helper_failure(const std::vector<CheckResult>& results, const std::string& words) {
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].name, "network");
    EXPECT_EQ(results[0].status, Status::kFail);
    EXPECT_NE(results[0].summary.find(words), std::string::npos) << results[0].summary;
    EXPECT_NE(results[0].fix.find("reinstall"), std::string::npos) << results[0].fix;
}

TEST(DoctorNetworkHelper, ReadsTheHelpersArrayBack) {
    expect_same(read_helper_results("h", 0, false, to_json(kSample).dump()), kSample);
}

TEST(DoctorNetworkHelper, AnythingElseIsOneFailingLine) {
    expect_helper_failure(read_helper_results("h", 0, true, ""), "did not answer in time");
    expect_helper_failure(read_helper_results("h", 1, false, ""), "exit code 1");
    expect_helper_failure(read_helper_results("h", 0, false, "not json"), "without its results");
    expect_helper_failure(read_helper_results("h", 0, false, "[]"), "without its results");
    expect_helper_failure(
        read_helper_results("h", 0, false, R"([{"name":"x","status":"great","summary":""}])"),
        "without its results");
    expect_helper_failure(read_helper_results("h", -1, false, to_json(kSample).dump()),
                          "exit code -1");
}

TEST(DoctorNetworkHelper, RunsTheProgramWithTheConfigFile) {
    TempDir dir;
    // A stand-in helper that answers with its own arguments as the summary.
    const auto helper =
        dir.write("helper",
                  "#!/bin/sh\nprintf "
                  "'[{\"name\":\"network\",\"status\":\"ok\",\"summary\":\"%s\"}]' \"$*\"\n");
    ::chmod(helper.c_str(), 0700);
    const auto results = network_checks_in_helper(helper, dir / "c.json")(config::Config{});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].summary, "probe --config " + (dir / "c.json").string());
}

TEST(DoctorNetworkHelper, AMissingOrSlowHelperFails) {
    TempDir dir;
    expect_helper_failure(network_checks_in_helper(dir / "missing", std::nullopt)(config::Config{}),
                          "cannot start");
    const auto slow = dir.write("slow", "#!/bin/sh\nexec sleep 30\n");
    ::chmod(slow.c_str(), 0700);
    expect_helper_failure(network_checks_in_helper(slow, std::nullopt, 200ms)(config::Config{}),
                          "did not answer in time");
}

}  // namespace
}  // namespace ccp_relogin::doctor
