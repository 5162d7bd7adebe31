// The config-reading subcommands: url, relay-state, check-config.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/check_config_command.h"
#include "cli/relay_state_command.h"
#include "cli/url_command.h"
#include "config_test_support.h"
#include "federation_test_support.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
namespace cli = ccp_relogin::cli;
namespace config = ccp_relogin::config;
using ccp_relogin::testing::split_url;
using ccp_relogin::testing::TempDir;
using ccp_relogin::testing::valid_config_document;
using nlohmann::json;

struct CommandResult {
    int code;
    std::string out;
    std::string err;
};

using Command = int (*)(const std::vector<std::string>&, const cli::SourcesResolver&, std::ostream&,
                        std::ostream&);

// Sources: only --config (or `fallback` when absent), plus optional user/machine files.
CommandResult invoke(Command command, const std::vector<std::string>& args,
                     std::optional<fs::path> fallback = std::nullopt, fs::path user = {},
                     fs::path machine = {}) {
    std::ostringstream out, err;
    const cli::SourcesResolver resolve = [&](std::optional<fs::path> cli_override) {
        return config::ConfigSources{cli_override ? cli_override : fallback, user, machine};
    };
    const int code = command(args, resolve, out, err);
    return {code, out.str(), err.str()};
}

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

class CliConfigCommands : public ::testing::Test {
  protected:
    TempDir dir;
    fs::path config_file = dir.write("config.json", valid_config_document().dump(2));
};

TEST_F(CliConfigCommands, UrlPrintsTheSignInUrlOnOneLine) {
    const CommandResult r =
        invoke(cli::run_url, {"--profile", "agents-us", "--config", config_file.string()});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
    ASSERT_EQ(lines(r.out), 1u);
    ASSERT_EQ(r.out.back(), '\n');
    const auto url = split_url(r.out.substr(0, r.out.size() - 1));
    ASSERT_TRUE(url);
    EXPECT_EQ(url->host, "launcher.myapps.microsoft.com");
    EXPECT_EQ(url->path, "/api/signin/0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c");
    const auto relay = split_url(url->params.at("RelayState"));
    ASSERT_TRUE(relay);
    EXPECT_EQ(relay->host, "us-east-1.console.aws.amazon.com");
    EXPECT_EQ(relay->params.at("destination"), "/ccp-v2");
}

TEST_F(CliConfigCommands, UrlUsesTheProfilesOwnApp) {
    const CommandResult r =
        invoke(cli::run_url, {"--config", config_file.string(), "--profile", "admins-us"});
    EXPECT_EQ(r.code, 0);
    const auto url = split_url(r.out.substr(0, r.out.size() - 1));
    ASSERT_TRUE(url);
    EXPECT_EQ(url->host, "myapps.microsoft.com");
    EXPECT_EQ(url->path, "/signin/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    EXPECT_EQ(split_url(url->params.at("RelayState"))->params.at("destination"), "/home");
}

TEST_F(CliConfigCommands, RelayStatePrintsOneLine) {
    const CommandResult r = invoke(cli::run_relay_state, {"--profile=agents-us"}, config_file);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out,
              "https://us-east-1.console.aws.amazon.com/connect/federate/"
              "178c75e4-b3de-4839-a6aa-e321ab3f3770?destination=%2Fccp-v2&new_domain=true\n");
}

TEST_F(CliConfigCommands, UnknownProfileIsOneSentenceAndExit2) {
    for (Command command : {Command(cli::run_url), Command(cli::run_relay_state)}) {
        const CommandResult r = invoke(command, {"--profile", "nobody"}, config_file);
        EXPECT_EQ(r.code, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(lines(r.err), 1u);
        EXPECT_NE(r.err.find(": no profile named \"nobody\"; configured profiles: "
                             "agents-us, admins-us.\n"),
                  std::string::npos)
            << r.err;
    }
}

TEST_F(CliConfigCommands, InvalidProfilePointsAtCheckConfig) {
    json doc = valid_config_document();
    doc["profiles"][0]["instance"]["id"] = "nope";
    const auto file = dir.write("bad.json", doc.dump());
    const CommandResult r =
        invoke(cli::run_url, {"--profile", "agents-us", "--config", file.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "ccp-relogin url: no valid profile named \"agents-us\"; the configuration has 1 "
              "problem(s), run \"ccp-relogin check-config\" to list them.\n");
}

TEST_F(CliConfigCommands, MissingExplicitFileIsNamed) {
    const auto missing = dir.path() / "missing.json";
    const CommandResult r = invoke(cli::run_url, {"--profile", "agents-us"}, missing);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "ccp-relogin url: cannot use " + missing.string() + ": file not found.\n");
}

TEST_F(CliConfigCommands, NoConfigurationAtAllSaysWhereItLooked) {
    const auto user = dir.path() / "user.json";
    const auto machine = dir.path() / "machine.json";
    const CommandResult r =
        invoke(cli::run_relay_state, {"--profile", "agents-us"}, std::nullopt, user, machine);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "ccp-relogin relay-state: no configuration found (looked for " +
                         user.string() + " and " + machine.string() +
                         "); pass --config F or set CCP_RELOGIN_CONFIG.\n");
}

TEST_F(CliConfigCommands, UsageErrorsExit2) {
    const std::vector<std::vector<std::string>> bad_args = {
        {},
        {"--config", config_file.string()},
        {"--profile"},
        {"--profile", "agents-us", "--bogus"},
        {"--profile", "agents-us", "extra"},
    };
    for (const auto& args : bad_args) {
        const CommandResult r = invoke(cli::run_url, args, config_file);
        EXPECT_EQ(r.code, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(lines(r.err), 1u) << r.err;
        EXPECT_EQ(r.err.rfind("ccp-relogin url: ", 0), 0u) << r.err;
    }
}

TEST_F(CliConfigCommands, HostileProfileNameIsNotEchoedRaw) {
    const CommandResult r =
        invoke(cli::run_url, {"--profile", "\x1b]0;x\x07" + std::string(500, 'a')}, config_file);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
    EXPECT_LT(r.err.size(), 300u);
}

TEST_F(CliConfigCommands, CheckConfigOk) {
    const CommandResult r = invoke(cli::run_check_config, {"--config", config_file.string()});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "ccp-relogin check-config: ok (2 profile(s) from " + config_file.string() + ").\n");
}

TEST_F(CliConfigCommands, CheckConfigListsProblemsOfASingleSourceWithoutPrefix) {
    json doc = valid_config_document();
    doc["profiles"][0]["instance"]["id"] = "nope";
    doc["relogin"]["mode"] = "popup";
    const auto file = dir.write("bad.json", doc.dump());
    const CommandResult r = invoke(cli::run_check_config, {"--config", file.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out,
              "profiles[0].instance.id: not a UUID\n"
              "relogin.mode: must be one of tab, in-place, window\n");
    EXPECT_EQ(r.err, "");
}

TEST_F(CliConfigCommands, CheckConfigPrefixesTheSourceWhenSeveralAreRead) {
    const auto user = dir.write("user.json", R"({"guard": {"maxAttempts": 0}})");
    const auto machine = dir.write("machine.json", R"({"relogin": {"timeoutSeconds": 1}})");
    const CommandResult r = invoke(cli::run_check_config, {"--config", config_file.string()},
                                   std::nullopt, user, machine);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, user.string() + ": guard.maxAttempts: must be between 1 and 20\n" +
                         machine.string() +
                         ": relogin.timeoutSeconds: must be between 10 and 3600\n");
}

TEST_F(CliConfigCommands, CheckConfigReportsWholeFileProblems) {
    const auto missing = dir.path() / "missing.json";
    const CommandResult r = invoke(cli::run_check_config, {"--config", missing.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, missing.string() + ": file not found\nprofiles: no profile configured\n");

    const auto broken = dir.write("broken.json", "{\"profiles\": [}");
    const CommandResult b = invoke(cli::run_check_config, {"--config", broken.string()});
    EXPECT_EQ(b.code, 2);
    EXPECT_EQ(b.out, broken.string() +
                         ": not valid JSON (error at line 1, column 15)\nprofiles: no profile "
                         "configured\n");
}

TEST_F(CliConfigCommands, CheckConfigUsageError) {
    const CommandResult r = invoke(cli::run_check_config, {"--nope"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines(r.err), 1u);
}

TEST_F(CliConfigCommands, ExplicitFileFromTheResolverWithoutFlag) {
    // CCP_RELOGIN_CONFIG reaches the command through the resolver.
    const CommandResult r = invoke(cli::run_relay_state, {"--profile", "admins-us"}, config_file);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(lines(r.out), 1u);
}

}  // namespace
