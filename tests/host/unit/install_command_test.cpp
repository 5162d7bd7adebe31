// `ccp-relogin install` / `uninstall` end to end into a temporary
// --user-data-dir: exit codes, stdout lines, stderr sentences, the file.
#include "cli/install_command.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "platform/paths.h"
#include "support/temp_dir.h"
#include "version.h"

namespace ccp_relogin::cli {
namespace {

using testing::TempDir;

constexpr const char* kOtherId = "abcdefghijklmnopabcdefghijklmnop";

struct Run {
    int code;
    std::string out, err;
};

Run install(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = run_install(args, out, err);
    return {code, out.str(), err.str()};
}

Run uninstall(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = run_uninstall(args, out, err);
    return {code, out.str(), err.str()};
}

std::size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

// Sets an environment variable for one test, then puts the old value back.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

class InstallCommand : public ::testing::Test {
  protected:
    TempDir scratch;
    // A test that goes wrong must not write into the real browser folders.
    ScopedEnv home{"HOME", (scratch / "home").string()};
    ScopedEnv xdg{"XDG_CONFIG_HOME", (scratch / "config").string()};
    std::string udd = scratch.path().string();
    std::filesystem::path file = scratch / "NativeMessagingHosts" / "com.ccp_relogin.host.json";

    nlohmann::json manifest() {
        std::ifstream in(file);
        return nlohmann::json::parse(in);
    }
};

TEST_F(InstallCommand, WritesTheManifestAndSaysWhere) {
    auto r = install({"--browser", "chromium", "--user-data-dir", udd, "--extension-id", kOtherId});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, "wrote " + file.string() + " (chromium)\n");
    const auto m = manifest();
    EXPECT_EQ(m["name"], "com.ccp_relogin.host");
    EXPECT_EQ(m["path"], platform::current_executable().string());
    EXPECT_NE(std::find(m["allowed_origins"].begin(), m["allowed_origins"].end(),
                        "chrome-extension://" + std::string(kOtherId) + "/"),
              m["allowed_origins"].end());
}

TEST_F(InstallCommand, RunningTwiceChangesNothing) {
    ASSERT_EQ(install({"--browser", "chrome", "--user-data-dir", udd}).code, 0);
    auto r = install({"--browser", "chrome", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "unchanged " + file.string() + " (chrome)\n");
}

TEST_F(InstallCommand, BrowsersSharingALocationAreWrittenOnce) {
    auto r = install({"--browser", "chrome,brave", "--browser", "edge", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "wrote " + file.string() + " (chrome, brave, edge)\n");
}

TEST_F(InstallCommand, UsageErrorsExitTwoWithOneSentence) {
    const std::vector<std::vector<std::string>> bad = {
        {},                                                // no --browser
        {"--browser", "firefox", "--user-data-dir", udd},  // unknown browser
        {"--browser", "chrome", "--scope", "global"},      // bad scope
        {"--browser", "chrome", "--scope", "system", "--user-data-dir", udd},
        {"--browser", "chrome", "--user-data-dir", udd, "--extension-id", "nope"},
        {"--browser", "chrome", "--frobnicate"},  // unknown option
        {"--browser", "chrome", "stray"},         // positional argument
    };
    for (const auto& args : bad) {
        auto r = install(args);
        EXPECT_EQ(r.code, 2) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(lines(r.err), 1u) << r.err;
        EXPECT_EQ(r.err.rfind("ccp-relogin install: ", 0), 0u) << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(std::filesystem::exists(scratch / "config"));
}

TEST_F(InstallCommand, UserScopeWithoutUserDataDirFollowsXdgConfigHome) {
    auto r = install({"--browser", "edge"});
    EXPECT_EQ(r.code, 0) << r.err;
    const auto expected = scratch / "config" / "microsoft-edge" / "NativeMessagingHosts" /
                          "com.ccp_relogin.host.json";
    EXPECT_EQ(r.out, "wrote " + expected.string() + " (edge)\n");
    EXPECT_TRUE(std::filesystem::exists(expected));
}

TEST_F(InstallCommand, UninstallRemovesOursAndLeavesOtherFiles) {
    ASSERT_EQ(install({"--browser", "edge", "--user-data-dir", udd}).code, 0);
    const auto foreign = scratch / "NativeMessagingHosts" / "org.example.other.json";
    std::ofstream(foreign) << "{}";
    auto r = uninstall({"--browser", "edge", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "removed " + file.string() + " (edge)\n");
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_TRUE(std::filesystem::exists(foreign));

    r = uninstall({"--browser", "edge", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, "absent " + file.string() + " (edge)\n");
}

TEST_F(InstallCommand, UninstallRefusesAFileItDidNotWrite) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << R"({"name": "com.someone.else"})";
    auto r = uninstall({"--browser", "brave", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("not a ccp-relogin manifest"), std::string::npos) << r.err;
    EXPECT_TRUE(std::filesystem::exists(file));
}

TEST_F(InstallCommand, UninstallTakesNoExtensionId) {
    auto r = uninstall({"--browser", "edge", "--user-data-dir", udd, "--extension-id", kOtherId});
    EXPECT_EQ(r.code, 2);
}

TEST_F(InstallCommand, RuntimeFailureExitsOne) {
    // The user data dir is a regular file: the directory can't be created.
    std::ofstream(scratch / "file") << "x";
    auto r = install({"--browser", "chrome", "--user-data-dir", (scratch / "file").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
}

TEST_F(InstallCommand, HelpGoesToStdout) {
    auto r = install({"--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("--browser"), std::string::npos);
    EXPECT_EQ(r.err, "");
}

// --- The development extension (config/development_trust.h) ---------------

bool allows_development(const nlohmann::json& manifest) {
    const auto& origins = manifest["allowed_origins"];
    return std::find(origins.begin(), origins.end(),
                     "chrome-extension://lgnognmbodadambbbcigkefnngodpege/") != origins.end();
}

TEST_F(InstallCommand, TheDevelopmentIdIsInTheManifestOnlyWhereTheHostTrustsIt) {
    ASSERT_EQ(install({"--browser", "chromium", "--user-data-dir", udd}).code, 0);
    EXPECT_EQ(allows_development(manifest()), ccp_relogin::kBuildTrustsDevelopmentExtension);
}

TEST_F(InstallCommand, TrustDevelopmentExtensionAllowsItInTheManifestAndTheHost) {
    const auto marker = scratch / "config" / "ccp-relogin" / "trust-development-extension";
    auto r =
        install({"--browser", "chromium", "--user-data-dir", udd, "--trust-development-extension"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(allows_development(manifest()));
    EXPECT_TRUE(std::filesystem::is_regular_file(marker));
    EXPECT_NE(r.out.find("wrote " + marker.string()), std::string::npos) << r.out;
    // A later install without the flag keeps it: the host still trusts it.
    ASSERT_EQ(install({"--browser", "chromium", "--user-data-dir", udd}).code, 0);
    EXPECT_TRUE(allows_development(manifest()));

    // uninstall takes the trust back with the manifest.
    r = uninstall({"--browser", "chromium", "--user-data-dir", udd});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(std::filesystem::exists(marker));
    EXPECT_NE(r.out.find("removed " + marker.string()), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ccp_relogin::cli
