#include <gtest/gtest.h>

#include "config/build.h"
#include "config/layers.h"
#include "config/merge.h"
#include "config_test_support.h"

namespace {

using ccp_relogin::config::merge_layers;
using ccp_relogin::config::merge_over;
using nlohmann::json;

TEST(ConfigMerge, ObjectsMergeKeyByKeyRecursively) {
    const json lower = {{"relogin", {{"mode", "tab"}, {"timeoutSeconds", 300}}},
                        {"guard", {{"maxAttempts", 3}}}};
    const json higher = {{"relogin", {{"mode", "window"}}}, {"audit", {{"forwardUrl", nullptr}}}};
    EXPECT_EQ(merge_over(lower, higher),
              json({{"relogin", {{"mode", "window"}, {"timeoutSeconds", 300}}},
                    {"guard", {{"maxAttempts", 3}}},
                    {"audit", {{"forwardUrl", nullptr}}}}));
}

TEST(ConfigMerge, ArraysAndScalarsAreReplacedWhole) {
    const json lower = {{"profiles", {{{"name", "a"}}, {{"name", "b"}}}},
                        {"detection", {{"phrases", {"x", "y"}}}},
                        {"audit", {{"forwardUrl", "https://logs.example.com/"}}}};
    const json higher = {{"profiles", {{{"name", "c"}}}},
                         {"detection", {{"phrases", json::array()}}},
                         {"audit", {{"forwardUrl", nullptr}}}};
    const json merged = merge_over(lower, higher);
    EXPECT_EQ(merged["profiles"], json({{{"name", "c"}}}));
    EXPECT_EQ(merged["detection"]["phrases"], json::array());
    EXPECT_TRUE(merged["audit"]["forwardUrl"].is_null());
}

TEST(ConfigMerge, HigherLayerWinsInPrecedenceOrder) {
    // policy, explicit file, user file, machine file
    const std::vector<json> highest_first = {
        {{"relogin", {{"mode", "in-place"}}}},
        {{"relogin", {{"mode", "window"}, {"timeoutSeconds", 120}}}},
        {{"guard", {{"maxAttempts", 5}}}, {"relogin", {{"timeoutSeconds", 60}}}},
        {{"guard", {{"maxAttempts", 2}, {"windowSeconds", 600}}}},
    };
    EXPECT_EQ(merge_layers(highest_first),
              json({{"relogin", {{"mode", "in-place"}, {"timeoutSeconds", 120}}},
                    {"guard", {{"maxAttempts", 5}, {"windowSeconds", 600}}}}));
}

// The probe merges like the rest of detection: key by key, status lists whole.
TEST(ConfigMerge, ProbeKeysMergeOneByOneAcrossLayers) {
    namespace config = ccp_relogin::config;
    const std::vector<json> highest_first = {
        json::parse(R"({"detection": {"probe": {"enabled": false}}})"),  // policy
        json::parse(R"({"detection": {"probe": {"path": "/env", "onUnknown": "act"}}})"),
        json::parse(R"({"detection": {"probe": {"path": "/user", "signedOutStatus": [440],
                                               "signedInStatus": [200]}}})"),
        json::parse(R"({"detection": {"probe": {"enabled": true, "legacyPath": "/connect/m",
                                               "signedOutStatus": [401, 403, 440],
                                               "onUnknown": "ignore"}}})"),  // machine
    };
    const config::ProbeSettings probe =
        config::build_config(merge_layers(highest_first)).detection.probe;
    EXPECT_FALSE(probe.enabled);                                // policy over machine
    EXPECT_EQ(probe.path, "/env");                              // env over user
    EXPECT_EQ(probe.legacyPath, "/connect/m");                  // only the machine file sets it
    EXPECT_EQ(probe.signedOutStatus, std::vector<int>({440}));  // user's list, whole
    EXPECT_EQ(probe.signedInStatus, std::vector<int>({200}));
    EXPECT_EQ(probe.onUnknown, config::ProbeOnUnknown::kAct);  // env over machine
}

TEST(ConfigMerge, ProbeNullSignedInStatusRestoresAny2xx) {
    namespace config = ccp_relogin::config;
    const config::ProbeSettings probe =
        config::build_config(
            merge_layers({json::parse(R"({"detection": {"probe": {"signedInStatus": null}}})"),
                          json::parse(R"({"detection": {"probe": {"signedInStatus": [204]}}})")}))
            .detection.probe;
    EXPECT_FALSE(probe.signedInStatus.has_value());
}

TEST(ConfigMerge, ProbeStatusesInConflictAcrossLayersFallBackToTheDefaults) {
    namespace config = ccp_relogin::config;
    json file = ccp_relogin::testing::valid_config_document();
    file["detection"]["probe"]["signedOutStatus"] = {401, 403, 440};
    const json policy = json::parse(R"({"detection": {"probe": {"signedInStatus": [200, 440]}}})");
    const auto loaded = config::assemble_config({{"policy", policy}, {"config.json", file}});
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, config::kMergedSource);
    EXPECT_EQ(loaded.problems[0].path, "detection.probe.signedOutStatus");
    EXPECT_EQ(loaded.problems[0].reason,
              "440 also in signedInStatus: a status cannot mean both signed in and signed out");
    EXPECT_FALSE(loaded.config.detection.probe.signedInStatus.has_value());
    EXPECT_EQ(loaded.config.detection.probe.signedOutStatus, std::vector<int>({401, 403}));
    EXPECT_EQ(loaded.config.detection.probe.path, "/auth/authorize");
}

TEST(ConfigMerge, ProbeSignedOut2xxWithTheDefaultSignedInIsAConflict) {
    namespace config = ccp_relogin::config;
    json file = ccp_relogin::testing::valid_config_document();
    file["detection"]["probe"]["signedOutStatus"] = {200, 401};
    const auto loaded = config::assemble_config({{"config.json", file}});
    ASSERT_EQ(loaded.problems.size(), 1u);
    EXPECT_EQ(loaded.problems[0].source, config::kMergedSource);
    EXPECT_EQ(loaded.problems[0].reason,
              "200 also signed in (every 2xx is, while signedInStatus is not set): a status "
              "cannot mean both signed in and signed out");
    EXPECT_EQ(loaded.config.detection.probe.signedOutStatus, std::vector<int>({401, 403}));

    // Listing the signed-in statuses explicitly, in a lower layer, settles it.
    const json machine = json::parse(R"({"detection": {"probe": {"signedInStatus": [204]}}})");
    const auto settled = config::assemble_config({{"config.json", file}, {"machine", machine}});
    EXPECT_TRUE(settled.problems.empty());
    EXPECT_EQ(settled.config.detection.probe.signedOutStatus, std::vector<int>({200, 401}));
    EXPECT_EQ(settled.config.detection.probe.signedInStatus, std::vector<int>({204}));
}

TEST(ConfigMerge, NoLayersGiveAnEmptyObject) {
    EXPECT_EQ(merge_layers({}), json::object());
    EXPECT_EQ(merge_layers({json::object(), json::object()}), json::object());
}

}  // namespace
