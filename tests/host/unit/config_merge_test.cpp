#include <gtest/gtest.h>

#include "config/merge.h"

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

TEST(ConfigMerge, NoLayersGiveAnEmptyObject) {
    EXPECT_EQ(merge_layers({}), json::object());
    EXPECT_EQ(merge_layers({json::object(), json::object()}), json::object());
}

}  // namespace
