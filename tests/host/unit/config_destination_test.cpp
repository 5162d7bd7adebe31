// profiles[].destination as an absolute https URL, and
// profiles[].instance.globalResiliency (config/validate.cpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/build.h"
#include "config/validate.h"
#include "config_test_support.h"

namespace {

namespace config = ccp_relogin::config;
using ccp_relogin::testing::valid_config_document;
using nlohmann::json;

struct Outcome {
    std::vector<config::Problem> problems;
    std::vector<std::string> kept_profiles;
};

Outcome validate_with(const json& destination, const json& return_to) {
    json doc = valid_config_document();
    doc["profiles"][0]["destination"] = destination;
    doc["profiles"][0]["returnTo"] = return_to;
    auto result = config::validate_config_json(doc, "test");
    Outcome outcome{std::move(result.problems), {}};
    for (const auto& p : result.valid["profiles"]) outcome.kept_profiles.push_back(p["name"]);
    return outcome;
}

TEST(ConfigDestination, ExternalDestinationInReturnToIsAccepted) {
    const auto outcome =
        validate_with("https://agents.example.com/ccp", {"https://agents.example.com/ccp"});
    EXPECT_TRUE(outcome.problems.empty());
    EXPECT_EQ(outcome.kept_profiles, (std::vector<std::string>{"agents-us", "admins-us"}));
}

TEST(ConfigDestination, ExternalDestinationNotInReturnToDropsTheProfileWithTheReason) {
    for (const json& return_to : {json::array(), json({"https://agents.example.com/other"}),
                                  json({"https://agents.example.com/ccp/"})}) {
        const auto outcome = validate_with("https://agents.example.com/ccp", return_to);
        ASSERT_EQ(outcome.problems.size(), 1u) << return_to.dump();
        EXPECT_EQ(outcome.problems[0].path, "profiles[0].destination");
        EXPECT_EQ(outcome.problems[0].reason,
                  "an https destination must also be one of this profile's returnTo entries (an "
                  "approved origin of the instance that agents are brought back to)");
        EXPECT_EQ(outcome.kept_profiles, std::vector<std::string>{"admins-us"});
    }
}

TEST(ConfigDestination, ExternalDestinationMustBeAPlainHttpsUrl) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"https://user:pw@agents.example.com/ccp", "must not carry a user name or password"},
        {"https://agents.example.com/ccp#x", "an https destination must not carry a fragment (#)"},
    };
    for (const auto& [destination, reason] : cases) {
        const auto outcome = validate_with(destination, {destination});
        ASSERT_FALSE(outcome.problems.empty()) << destination;
        EXPECT_EQ(outcome.problems[0].path, "profiles[0].destination") << destination;
        EXPECT_EQ(outcome.problems[0].reason, reason) << destination;
        EXPECT_EQ(outcome.kept_profiles, std::vector<std::string>{"admins-us"}) << destination;
    }
    // http is no https destination, and no path either.
    const auto http =
        validate_with("http://agents.example.com/ccp", {"https://agents.example.com/ccp"});
    ASSERT_EQ(http.problems.size(), 1u);
    EXPECT_EQ(http.problems[0].reason, "must be a path starting with / (not a URL)");
}

TEST(ConfigDestination, PathDestinationsAreUnchanged) {
    const auto outcome = validate_with("/agent-app-v2?VDIPlatform=CITRIX_413", json::array());
    EXPECT_TRUE(outcome.problems.empty());
}

TEST(ConfigGlobalResiliency, IsABooleanOfTheInstanceDefaultFalse) {
    json doc = valid_config_document();
    EXPECT_FALSE(config::build_config(doc).profiles[0].instance.globalResiliency);
    doc["profiles"][0]["instance"]["globalResiliency"] = true;
    const auto result = config::validate_config_json(doc, "test");
    EXPECT_TRUE(result.problems.empty());
    EXPECT_TRUE(config::build_config(result.valid).profiles[0].instance.globalResiliency);

    doc["profiles"][0]["instance"]["globalResiliency"] = "yes";
    const auto bad = config::validate_config_json(doc, "test");
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0].path, "profiles[0].instance.globalResiliency");
    EXPECT_EQ(bad.problems[0].reason, "must be true or false");
}

}  // namespace
