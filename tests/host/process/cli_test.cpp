// The binary's command line: subcommand choice, exit codes, and the commands
// whose results a browser or an administrator relies on.
#include <gtest/gtest.h>

#include <boost/process.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;

TEST(Cli, NoArgumentsPrintsUsageOnStderrAndExitsTwo) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("usage: ccp-relogin"), std::string::npos);
}

TEST(Cli, UnknownCommandExitsTwoAndNamesIt) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("frobnicate"), std::string::npos);
}

// doctor's own tests: doctor_test.cpp.
TEST(Cli, DoctorIsACommand) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"doctor", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("ccp-relogin doctor"), std::string::npos);
    EXPECT_EQ(r.err, "");
}

TEST(Cli, HelpGoesToStdout) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("usage: ccp-relogin"), std::string::npos);
}

TEST(Cli, VersionPrintsTheVersion) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.rfind("ccp-relogin ", 0), 0u) << r.out;
}

TEST(Cli, UrlPrintsTheSignInUrlOnOneLine) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"url", "--profile", "agents-us"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, std::string(kAgentsSignInUrl) + "\n");
}

TEST(Cli, InstallWritesAManifestNamingThisBinary) {
    HostFixture fixture;
    const auto user_data_dir = fixture.dir() / "chromium-profile";
    const auto r = run_cli(fixture, {"install", "--browser", "chromium", "--scope", "user",
                                     "--user-data-dir", user_data_dir.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto manifest_path = user_data_dir / "NativeMessagingHosts" / "com.ccp_relogin.host.json";
    ASSERT_TRUE(std::filesystem::exists(manifest_path)) << r.out;
    const json manifest = json::parse(read_file(manifest_path));
    EXPECT_EQ(manifest["name"], "com.ccp_relogin.host");
    EXPECT_EQ(manifest["type"], "stdio");
    EXPECT_EQ(std::filesystem::path(manifest["path"].get<std::string>()),
              std::filesystem::canonical(kBinary));
    EXPECT_NE(std::find(manifest["allowed_origins"].begin(), manifest["allowed_origins"].end(),
                        json(kDevelopmentOrigin)),
              manifest["allowed_origins"].end());

    const auto removed = run_cli(fixture, {"uninstall", "--browser", "chromium", "--scope", "user",
                                           "--user-data-dir", user_data_dir.string()});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_FALSE(std::filesystem::exists(manifest_path));
}

// The browser passes the origin first; on Windows it adds --parent-window.
TEST(Cli, OriginWithParentWindowArgumentStartsHostMode) {
    HostFixture fixture;
    HostProcess host({kDevelopmentOrigin, "--parent-window=0"}, fixture.env(),
                     fixture.dir() / "stderr.txt");
    host.send({{"type", "status"}, {"id", 1}});
    EXPECT_EQ(host.expect_reply()["type"], "status");
    host.close_input();
    EXPECT_EQ(host.wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
