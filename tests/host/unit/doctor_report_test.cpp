// doctor's output: the text lines, the final line, --json, the exit code.
#include <gtest/gtest.h>

#include "doctor/report.h"

namespace ccp_relogin::doctor {
namespace {

const CheckResult kOkConfig{
    "config", Status::kOk, "1 profile (agents-us) from /tmp/c.json", "", {}};
const CheckResult kFailedManifests{"manifests",
                                   Status::kFail,
                                   "no browser can start ccp-relogin",
                                   "ccp-relogin install --browser chrome --scope user",
                                   {"first detail"}};
const CheckResult kWarnClock{"clock", Status::kWarn, "3 min behind", "sync it", {}};
const CheckResult kSkipNetwork{"network", Status::kSkip, "--offline", "", {}};

TEST(DoctorReport, OneLineWithStatusColumnThenDetailsAndFix) {
    EXPECT_EQ(format_result(kOkConfig), "ok   config: 1 profile (agents-us) from /tmp/c.json\n");
    EXPECT_EQ(format_result(kFailedManifests),
              "fail manifests: no browser can start ccp-relogin\n"
              "       first detail\n"
              "     fix: ccp-relogin install --browser chrome --scope user\n");
}

TEST(DoctorReport, FinalLineCountsAndSaysWhatItMeans) {
    EXPECT_EQ(final_line({kOkConfig, kSkipNetwork}),
              "doctor: 0 failed, 0 warnings, 1 ok, 1 skipped; everything checked works");
    EXPECT_EQ(final_line({kOkConfig, kWarnClock}),
              "doctor: 0 failed, 1 warning, 1 ok, 0 skipped; re-login should work, see the "
              "warnings");
    EXPECT_EQ(final_line({kFailedManifests, kWarnClock, kWarnClock}),
              "doctor: 1 failed, 2 warnings, 0 ok, 0 skipped; fix the failed checks above");
}

TEST(DoctorReport, ReportIsEveryResultThenTheFinalLine) {
    const auto text = format_report({kOkConfig, kSkipNetwork});
    EXPECT_EQ(text, format_result(kOkConfig) + format_result(kSkipNetwork) +
                        final_line({kOkConfig, kSkipNetwork}) + "\n");
}

TEST(DoctorReport, JsonHasEveryField) {
    const auto json = to_json({kOkConfig, kFailedManifests});
    ASSERT_TRUE(json.is_array());
    ASSERT_EQ(json.size(), 2u);
    EXPECT_EQ(json[0]["name"], "config");
    EXPECT_EQ(json[0]["status"], "ok");
    EXPECT_TRUE(json[0]["fix"].is_null());
    EXPECT_EQ(json[0]["details"], nlohmann::json::array());
    EXPECT_EQ(json[1]["status"], "fail");
    EXPECT_EQ(json[1]["fix"], "ccp-relogin install --browser chrome --scope user");
    EXPECT_EQ(json[1]["details"][0], "first detail");
}

TEST(DoctorReport, ExitsOneOnlyWhenSomethingFailed) {
    EXPECT_EQ(exit_code({}), 0);
    EXPECT_EQ(exit_code({kOkConfig, kWarnClock, kSkipNetwork}), 0);
    EXPECT_EQ(exit_code({kOkConfig, kFailedManifests}), 1);
}

TEST(DoctorReport, StatusNames) {
    EXPECT_EQ(to_string(Status::kOk), "ok");
    EXPECT_EQ(to_string(Status::kWarn), "warn");
    EXPECT_EQ(to_string(Status::kFail), "fail");
    EXPECT_EQ(to_string(Status::kSkip), "skip");
}

}  // namespace
}  // namespace ccp_relogin::doctor
