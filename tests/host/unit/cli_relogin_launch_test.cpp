// `relogin --launch` with no host running (cli/relogin_launch.h): the browser
// chosen and the URL it is started at, with a fake launcher.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/relogin_command.h"
#include "cli/relogin_launch.h"
#include "config/loader.h"
#include "federation/sign_in_url.h"
#include "helpdesk/socket_dir.h"
#include "support/temp_dir.h"

namespace ccp_relogin::cli {
namespace {

namespace fs = std::filesystem;
using ccp_relogin::testing::TempDir;

constexpr const char* kConfig = R"({"profiles": [
  {"name": "agents-us",
   "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme", "region": "us-east-1"},
   "entra": {"tenantId": "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e",
             "appId": "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c"}},
  {"name": "acgr-us",
   "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme", "region": "us-east-1",
                "globalResiliency": true},
   "entra": {"tenantId": "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e",
             "appId": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}}]})";

struct Launched {
    fs::path program;
    std::string url;
};

class ReloginLaunch : public ::testing::Test {
  protected:
    ReloginLaunch() {
        std::ofstream(config_file()) << kConfig;
        helpdesk::prepare_ipc_dir(ipc_dir());  // no host in it
    }
    fs::path config_file() const { return temp_.path() / "config.json"; }
    fs::path ipc_dir() const { return temp_.path() / "ipc"; }

    LaunchEnvironment env() {
        return {[this](std::optional<fs::path>) {
                    config::ConfigSources sources;
                    sources.explicit_file = config_file();
                    return sources;
                },
                "/usr/bin",
                [](const fs::path& p) {
                    return p == "/usr/bin/chromium" || p == "/opt/test/browser.sh";
                },
                [this](const fs::path& program, const std::string& url) {
                    launched_.push_back({program, url});
                }};
    }

    int run(std::vector<std::string> args) {
        out_.str("");
        err_.str("");
        return run_relogin(args, ipc_dir(), env(), out_, err_);
    }

    TempDir temp_;
    std::vector<Launched> launched_;
    std::ostringstream out_;
    std::ostringstream err_;
};

TEST_F(ReloginLaunch, NoHostStartsTheFirstInstalledBrowserAtTheFirstProfilesSignIn) {
    EXPECT_EQ(run({"--launch"}), 0) << err_.str();
    ASSERT_EQ(launched_.size(), 1u);
    EXPECT_EQ(launched_[0].program, fs::path("/usr/bin/chromium"));
    const auto loaded = config::load_config(env().resolve_sources(std::nullopt), nullptr);
    EXPECT_EQ(launched_[0].url, federation::sign_in_url(loaded.config.profiles[0]));
    EXPECT_EQ(out_.str(),
              "no running host: launched /usr/bin/chromium at the sign-in of profile agents-us\n");
}

TEST_F(ReloginLaunch, TheNamedProfileAndBrowserProgram) {
    EXPECT_EQ(run({"--launch", "--profile", "acgr-us", "--browser", "/opt/test/browser.sh"}), 0)
        << err_.str();
    ASSERT_EQ(launched_.size(), 1u);
    EXPECT_EQ(launched_[0].program, fs::path("/opt/test/browser.sh"));
    EXPECT_EQ(launched_[0].url,
              "https://launcher.myapps.microsoft.com/api/signin/"
              "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f?tenantId=9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e");
}

TEST_F(ReloginLaunch, WhatCannotBeLaunchedIsSaidAndNothingStarts) {
    EXPECT_EQ(run({"--launch", "--profile", "nobody"}), 1);
    EXPECT_NE(err_.str().find("no profile named \"nobody\""), std::string::npos) << err_.str();
    EXPECT_EQ(run({"--launch", "--browser", "firefox"}), 1);
    EXPECT_NE(err_.str().find("--browser firefox is neither an installed browser"),
              std::string::npos)
        << err_.str();
    EXPECT_EQ(run({"--launch", "--browser", "edge"}), 1);
    EXPECT_TRUE(launched_.empty());
}

TEST_F(ReloginLaunch, WithoutLaunchNoHostIsAFailureAndBrowserNeedsLaunch) {
    EXPECT_EQ(run({}), 1);
    EXPECT_NE(err_.str().find("no running ccp-relogin host"), std::string::npos);
    EXPECT_EQ(run({"--browser", "chromium"}), 2);
    EXPECT_TRUE(launched_.empty());
}

}  // namespace
}  // namespace ccp_relogin::cli
