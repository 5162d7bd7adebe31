// manifests/config.example.json is what administrators copy: it must pass
// check-config and show two profiles sharing one instance.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/check_config_command.h"
#include "config/config_file.h"
#include "config/layers.h"
#include "config/validate.h"
#include "federation/profile_match.h"
#include "support/repo_files.h"

namespace {

namespace fs = std::filesystem;
namespace config = ccp_relogin::config;

fs::path example_path() {
    return ccp_relogin::testing::repo_root() / "manifests" / "config.example.json";
}

TEST(ConfigExample, ValidatesWithoutProblems) {
    const auto read = config::read_config_file(example_path(), config::FileRequirement::kRequired);
    ASSERT_TRUE(read.problems.empty()) << read.problems[0].reason;
    ASSERT_TRUE(read.document.has_value());
    const auto result = config::validate_config_json(*read.document, example_path().string());
    for (const auto& p : result.problems) ADD_FAILURE() << p.path << ": " << p.reason;
    EXPECT_EQ(result.valid, *read.document);
}

TEST(ConfigExample, TwoProfilesShareOneInstanceWithTheirOwnApps) {
    const auto read = config::read_config_file(example_path(), config::FileRequirement::kRequired);
    ASSERT_TRUE(read.document.has_value());
    const auto loaded = config::assemble_config({{example_path().string(), *read.document}});
    ASSERT_TRUE(loaded.problems.empty());
    const auto* agents = loaded.config.find_profile("agents-us");
    const auto* admins = loaded.config.find_profile("admins-us");
    ASSERT_NE(agents, nullptr);
    ASSERT_NE(admins, nullptr);
    EXPECT_EQ(agents->instance.id, admins->instance.id);
    EXPECT_NE(agents->entra.appId, admins->entra.appId);
    EXPECT_EQ(agents->destination, "/ccp-v2");
    EXPECT_NE(admins->destination, agents->destination);
    namespace federation = ccp_relogin::federation;
    EXPECT_EQ(federation::match_profile(loaded.config, "https://acme.my.connect.aws/ccp-v2"),
              agents);
    EXPECT_EQ(federation::match_profile(loaded.config, "https://acme.my.connect.aws/home"), admins);
}

TEST(ConfigExample, PassesCheckConfig) {
    std::ostringstream out, err;
    const auto only_example = [](std::optional<fs::path> f) {
        return config::ConfigSources{f, {}, {}};
    };
    EXPECT_EQ(ccp_relogin::cli::run_check_config({"--config", example_path().string()},
                                                 only_example, out, err),
              0);
    EXPECT_EQ(out.str(), "");
}

}  // namespace
