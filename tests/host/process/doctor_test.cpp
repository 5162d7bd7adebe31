// `ccp-relogin doctor --offline` as a helpdesk runs it, against a temporary
// configuration, state directory and browser user data dir. (The network
// checks are unit-tested with a substitute fetcher: tests never reach the
// real internet.)
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/process.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

constexpr const char* kStoreId = "abcdefghijklmnopabcdefghijklmnop";  // kAgentsConfig allows it

std::string user_data_dir(const HostFixture& fixture) { return (fixture.dir() / "udd").string(); }

std::vector<std::string> doctor_args(const HostFixture& fixture,
                                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        "doctor",  "--offline", "--browser",       "chromium",
        "--scope", "user",      "--user-data-dir", user_data_dir(fixture)};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

void install(const HostFixture& fixture) {
    const auto r =
        run_cli(fixture, {"install", "--browser", "chromium", "--scope", "user", "--user-data-dir",
                          user_data_dir(fixture), "--extension-id", kStoreId});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

// Set for this test only: the next tests' children must not see it.
class ScopedVariable {
  public:
    ScopedVariable(std::string name, const std::string& value) : name_(std::move(name)) {
        ::setenv(name_.c_str(), value.c_str(), 1);
    }
    ~ScopedVariable() { ::unsetenv(name_.c_str()); }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

  private:
    std::string name_;
};

void fixture_write(const std::filesystem::path& file) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << "#!/bin/sh\n";
}

bool has_line_starting(const std::string& text, const std::string& start) {
    return text.rfind(start, 0) == 0 || text.find("\n" + start) != std::string::npos;
}

// System-wide Flatpak or Snap browsers are outside the fixture's HOME: on a
// machine that has one, doctor warns about it in every test.
bool machine_has_sandboxed_browser() {
    for (const char* path :
         {"/snap/bin/chromium", "/snap/bin/brave", "/var/lib/flatpak/exports/bin/com.google.Chrome",
          "/var/lib/flatpak/exports/bin/org.chromium.Chromium",
          "/var/lib/flatpak/exports/bin/com.microsoft.Edge",
          "/var/lib/flatpak/exports/bin/com.brave.Browser"}) {
        std::error_code ignored;
        if (std::filesystem::exists(std::filesystem::symlink_status(path, ignored))) return true;
    }
    return false;
}

TEST(Doctor, AGoodSetupExitsZero) {
    HostFixture fixture;
    install(fixture);
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has_line_starting(
        r.out, "ok   config: 1 profile (agents-us) from " + fixture.config_file().string()))
        << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "ok   manifest chromium (user): ")) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "ok   manifests: ")) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "ok   state dir: ")) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "skip network: --offline")) << r.out;
    if (machine_has_sandboxed_browser()) {
        // Rightly a warning on such a machine; the rest of the setup is still good.
        EXPECT_TRUE(has_line_starting(r.out, "warn sandboxed browsers: ")) << r.out;
        EXPECT_NE(r.out.find("\ndoctor: 0 failed, 1 warnings, "), std::string::npos) << r.out;
    } else {
        EXPECT_TRUE(has_line_starting(
            r.out, "ok   sandboxed browsers: no browser is installed as a Flatpak or Snap"))
            << r.out;
        EXPECT_NE(r.out.find("\ndoctor: 0 failed, 0 warnings, "), std::string::npos) << r.out;
    }
    EXPECT_EQ(r.err, "");
}

TEST(Doctor, ABrokenConfigExitsOneAndNamesTheFile) {
    HostFixture fixture("{ \"profiles\": [ ");
    install(fixture);
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "fail config: ")) << r.out;
    EXPECT_NE(r.out.find(fixture.config_file().string() + ": not valid JSON"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\ndoctor: 1 failed"), std::string::npos) << r.out;
}

TEST(Doctor, AnInvalidProfileIsNamedWithItsPath) {
    HostFixture fixture(R"({"profiles": [{"name": "agents-us", "instance": {"id": "nope"}}]})");
    install(fixture);
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(fixture.config_file().string() + ": profiles[0]"), std::string::npos)
        << r.out;
}

TEST(Doctor, AMissingManifestExitsOneAndGivesTheInstallCommand) {
    HostFixture fixture;
    std::filesystem::create_directories(user_data_dir(fixture));  // chromium has run here
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "warn manifest chromium (user): no manifest at "))
        << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "fail manifests: no browser can start ccp-relogin"))
        << r.out;
    EXPECT_NE(r.out.find("ccp-relogin install --browser chromium --scope user --user-data-dir " +
                         user_data_dir(fixture) + " --extension-id " + kStoreId),
              std::string::npos)
        << r.out;
}

TEST(Doctor, AManifestMissingTheConfiguredExtensionWarns) {
    HostFixture fixture;
    ASSERT_EQ(run_cli(fixture, {"install", "--browser", "chromium", "--scope", "user",
                                "--user-data-dir", user_data_dir(fixture)})
                  .exit_code,
              0);
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "warn manifest chromium (user): ")) << r.out;
    EXPECT_NE(r.out.find("does not allow chrome-extension://" + std::string(kStoreId) + "/"),
              std::string::npos)
        << r.out;
}

TEST(Doctor, UserScopeWithoutUserDataDirLooksUnderXdgConfigHome) {
    HostFixture fixture;
    ASSERT_EQ(run_cli(fixture, {"install", "--browser", "edge", "--scope", "user", "--extension-id",
                                kStoreId})
                  .exit_code,
              0);
    const auto r =
        run_cli(fixture, {"doctor", "--offline", "--browser", "edge", "--scope", "user"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find((fixture.dir() / "xdg-config/microsoft-edge/NativeMessagingHosts/"
                                          "com.ccp_relogin.host.json")
                             .string()),
              std::string::npos)
        << r.out;
}

TEST(Doctor, JsonPrintsTheArray) {
    HostFixture fixture;
    install(fixture);
    const auto r = run_cli(fixture, doctor_args(fixture, {"--json"}));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    ASSERT_TRUE(json.is_array());
    ASSERT_FALSE(json.empty());
    EXPECT_EQ(json[0]["name"], "config");
    EXPECT_EQ(json[0]["status"], "ok");
    for (const auto& check : json) {
        EXPECT_TRUE(check["summary"].is_string());
        EXPECT_NE(check["status"], "fail") << check.dump();
    }
}

TEST(Doctor, ACorruptGuardStateWarns) {
    HostFixture fixture;
    install(fixture);
    std::filesystem::create_directories(fixture.state_dir());
    std::ofstream(fixture.state_dir() / "guard.json") << "{ corrupt";
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "warn guard state: ")) << r.out;
}

TEST(Doctor, AFlatpakBrowserWarnsThatItCannotStartTheHost) {
    HostFixture fixture;
    install(fixture);
    // A per-user Flatpak installation of Chromium, as `flatpak install --user` leaves it.
    const auto data_home = fixture.dir() / "xdg-data";
    fixture_write(data_home / "flatpak/exports/bin/org.chromium.Chromium");
    const ScopedVariable xdg_data_home("XDG_DATA_HOME", data_home.string());
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 0) << r.out;  // a warning: the packaged browser may still be used
    EXPECT_TRUE(has_line_starting(r.out,
                                  "warn sandboxed browsers: Chromium is installed as a Flatpak: it "
                                  "cannot start ccp-relogin"))
        << r.out;
    EXPECT_NE(r.out.find("fix: install the browser's Debian/RPM package"), std::string::npos)
        << r.out;
}

TEST(Doctor, BadCommandLinesExitTwo) {
    HostFixture fixture;
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"doctor", "--bogus"},
                                               {"doctor", "--browser", "netscape"},
                                               {"doctor", "stray"},
                                               {"doctor", "--scope", "everyone"}}) {
        const auto r = run_cli(fixture, args);
        EXPECT_EQ(r.exit_code, 2) << args.back();
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("ccp-relogin doctor: ", 0), 0u) << r.err;
    }
}

TEST(Doctor, HelpGoesToStdout) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"doctor", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("--offline"), std::string::npos);
}

// doctor reads guard.json without the lock; a FIFO there must not hang it.
TEST(Doctor, AFifoAtTheGuardStateWarnsInsteadOfHanging) {
    HostFixture fixture;
    install(fixture);
    std::filesystem::create_directories(fixture.state_dir());
    ASSERT_EQ(::mkfifo((fixture.state_dir() / "guard.json").c_str(), 0600), 0);
    CliResult r{};
    ASSERT_NO_THROW(r = run_cli(fixture, doctor_args(fixture)));
    EXPECT_TRUE(has_line_starting(r.out, "warn guard state: ")) << r.out;
}

// The host refuses such a directory (state-unavailable): doctor must say so.
TEST(Doctor, AStateDirectoryOthersCanWriteFailsWithTheFix) {
    HostFixture fixture;
    install(fixture);
    std::filesystem::create_directories(fixture.state_dir());
    ::chmod(fixture.state_dir().c_str(), 0777);
    const auto r = run_cli(fixture, doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "fail state dir: the state directory " +
                                             fixture.state_dir().string() +
                                             " is writable by other users"))
        << r.out;
    EXPECT_NE(r.out.find("chmod 700"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ccp_relogin::process_test

namespace ccp_relogin::process_test {
namespace {

std::vector<std::string> online_doctor_args(const HostFixture& fixture) {
    auto args = doctor_args(fixture);
    args.erase(std::find(args.begin(), args.end(), "--offline"));
    return args;
}

// The network part runs in ccp-relogin-network, found beside the binary
// (docs/architecture.md, "Processes"): a copy of ccp-relogin alone says so.
TEST(Doctor, WithoutItsNetworkHelperTheNetworkLineFailsSayingSo) {
    HostFixture fixture;
    const auto alone = fixture.dir() / "alone" / "ccp-relogin";
    std::filesystem::create_directories(alone.parent_path());
    std::filesystem::copy_file(kBinary, alone);
    const auto r = run_cli(fixture, online_doctor_args(fixture), alone);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "fail network: the network checks could not run"))
        << r.out;
    EXPECT_NE(r.out.find("ccp-relogin-network belongs beside ccp-relogin"), std::string::npos)
        << r.out;
}

// With the helper there, its answers are doctor's lines. A proxy on a closed
// port makes every request fail at once, without the internet.
TEST(Doctor, TheNetworkChecksComeBackFromTheHelper) {
    HostFixture fixture;
    const ScopedVariable proxy("https_proxy", "http://127.0.0.1:9");
    const auto r = run_cli(fixture, online_doctor_args(fixture));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "fail network login.microsoftonline.com")) << r.out;
    EXPECT_NE(r.out.find("proxy"), std::string::npos) << r.out;
    EXPECT_TRUE(has_line_starting(r.out, "skip signing certificate")) << r.out;
}

}  // namespace
}  // namespace ccp_relogin::process_test
