// `ccp-relogin manifest`: the files the packages ship, for every system,
// from the browsers table and the manifest builder `install` uses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/manifest_command.h"
#include "platform/manifest_installer.h"
#include "support/temp_dir.h"

namespace ccp_relogin::cli {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr const char* kId = "abcdefghijklmnopabcdefghijklmnop";

struct Run {
    int code;
    std::string out, err;
};

Run manifest(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = run_manifest(args, out, err);
    return {code, out.str(), err.str()};
}

json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    return json::parse(in);
}

TEST(ManifestCommand, PrintsWhatInstallWouldWriteForThatPath) {
    const auto run = manifest(
        {"--system", "linux", "--host-path", "/usr/bin/ccp-relogin", "--extension-id", kId});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(json::parse(run.out),
              platform::build_manifest("/usr/bin/ccp-relogin", {kId}, platform::System::kLinux));
    EXPECT_EQ(json::parse(run.out)["allowed_origins"],
              json::array({std::string("chrome-extension://") + kId + "/"}));
}

// Windows manifests sit beside the .exe in the MSI: a file name alone.
TEST(ManifestCommand, WindowsTakesAFileNameBesideTheManifest) {
    const auto run =
        manifest({"--system", "windows", "--host-path", "ccp-relogin.exe", "--extension-id", kId});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["path"], "ccp-relogin.exe");
}

TEST(ManifestCommand, WritesEachSystemLocationOnceUnderTheRoot) {
    TempDir root;
    const auto run =
        manifest({"--system", "linux", "--host-path", "/usr/bin/ccp-relogin", "--extension-id", kId,
                  "--root", root.path().string(), "--browser", "chrome,chromium,edge,brave"});
    ASSERT_EQ(run.code, 0) << run.err;
    const auto expected =
        platform::build_manifest("/usr/bin/ccp-relogin", {kId}, platform::System::kLinux);
    for (const char* dir :
         {"etc/opt/chrome/native-messaging-hosts", "etc/chromium/native-messaging-hosts",
          "etc/opt/edge/native-messaging-hosts"})
        EXPECT_EQ(read_json(root / dir / "com.ccp_relogin.host.json"), expected) << dir;
    // Brave reads Chrome's folder: one file, named for both.
    EXPECT_NE(run.out.find("/etc/opt/chrome/native-messaging-hosts/com.ccp_relogin.host.json "
                           "(chrome, brave)"),
              std::string::npos)
        << run.out;
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root.path()))
        files += entry.is_regular_file();
    EXPECT_EQ(files, 3u);
}

TEST(ManifestCommand, MacOSLocationsComeFromTheSameTable) {
    TempDir root;
    const auto run =
        manifest({"--system", "macos", "--host-path", "/Library/ccp-relogin/ccp-relogin",
                  "--extension-id", kId, "--root", root.path().string(), "--browser", "chrome"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(
        root / "Library/Google/Chrome/NativeMessagingHosts/com.ccp_relogin.host.json"));
}

TEST(ManifestCommand, WindowsLocationsNameTheRegistryKeys) {
    const auto run =
        manifest({"--system", "windows", "--locations", "--browser", "chrome,chromium,edge,brave"});
    ASSERT_EQ(run.code, 0) << run.err;
    const auto locations = json::parse(run.out);
    ASSERT_EQ(locations.size(), 3u);  // Brave shares Chrome's key
    EXPECT_EQ(locations[0]["browsers"], json::array({"chrome", "brave"}));
    EXPECT_EQ(locations[0]["registryKey"],
              "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(locations[1]["registryKey"],
              "SOFTWARE\\Chromium\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(locations[2]["registryKey"],
              "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com.ccp_relogin.host");
}

TEST(ManifestCommand, RefusesWhatWouldMakeAUselessOrWrongFile) {
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases = {
        {{"--system", "linux", "--host-path", "/usr/bin/ccp-relogin"}, "--extension-id"},
        {{"--system", "linux", "--host-path", "usr/bin/ccp-relogin", "--extension-id", kId},
         "absolute"},
        {{"--system", "windows", "--extension-id", kId}, "--host-path is required"},
        {{"--system", "plan9", "--host-path", "/x", "--extension-id", kId}, "--system"},
        {{"--system", "linux", "--host-path", "/x", "--extension-id", "nope"}, "extension ID"},
        {{"--system", "windows", "--host-path", "a.exe", "--extension-id", kId, "--root", "/tmp",
          "--browser", "chrome"},
         "registry"},
        {{"--system", "linux", "--host-path", "/x", "--extension-id", kId, "--root", "/tmp"},
         "--browser is required"},
        {{"--system", "linux", "--host-path", "/x", "--extension-id", kId, "--browser", "chrome"},
         "--browser goes with"},
    };
    for (const auto& c : cases) {
        const auto run = manifest(c.args);
        EXPECT_EQ(run.code, 2) << c.says;
        EXPECT_NE(run.err.find(c.says), std::string::npos) << run.err;
        EXPECT_TRUE(run.out.empty()) << run.out;
    }
}

}  // namespace
}  // namespace ccp_relogin::cli
