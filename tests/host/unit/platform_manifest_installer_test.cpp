// The host manifest: its content (parsed back as JSON), equality with the
// packaging template, atomic idempotent install, and an uninstall that
// touches only what we wrote.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/extension_id.h"
#include "platform/extension_ids.h"
#include "platform/manifest_installer.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using testing::TempDir;

constexpr const char* kOtherId = "abcdefghijklmnopabcdefghijklmnop";

// An absolute path of the host on the system running the test (a path
// starting with '/' has no drive on Windows, so is not absolute there).
#ifdef _WIN32
constexpr const char* kHostPath = "C:\\Program Files\\ccp-relogin\\ccp-relogin.exe";
constexpr const char* kOtherHostPath = "D:\\x\\ccp-relogin.exe";
#else
constexpr const char* kHostPath = "/usr/bin/ccp-relogin";
constexpr const char* kOtherHostPath = "/opt/x/ccp-relogin";
#endif

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::json read_json(const std::filesystem::path& p) {
    return nlohmann::json::parse(read_text(p));
}

TEST(PlatformManifest, HasTheFieldsChromeRequires) {
    const auto m = build_manifest(kHostPath, {kOtherId});
    EXPECT_EQ(m["name"], "com.ccp_relogin.host");
    EXPECT_EQ(m["type"], "stdio");
    EXPECT_EQ(m["path"], kHostPath);
    EXPECT_FALSE(m["description"].get<std::string>().empty());
    const auto expected =
        nlohmann::json::array({"chrome-extension://" + std::string(kOtherId) + "/"});
    EXPECT_EQ(m["allowed_origins"], expected);
    EXPECT_EQ(m.size(), 5u);
}

TEST(PlatformManifest, DuplicateIdsAppearOnce) {
    const auto m =
        build_manifest(kOtherHostPath, {kOtherId, kOtherId, std::string(kDevelopmentExtensionId)});
    EXPECT_EQ(m["allowed_origins"].size(), 2u);
}

TEST(PlatformManifest, RefusesBadIdsAndRelativePaths) {
    EXPECT_THROW(build_manifest("ccp-relogin", {}), std::invalid_argument);
    EXPECT_THROW(build_manifest(kHostPath, {"short"}), std::invalid_argument);
    EXPECT_THROW(build_manifest(kHostPath, {"abcdefghijklmnopabcdefghijklmnoq"}),
                 std::invalid_argument);  // 'q' is outside a–p
    EXPECT_THROW(build_manifest(kHostPath, {"ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"}),
                 std::invalid_argument);
}

TEST(PlatformManifest, ExtensionIdValidation) {
    EXPECT_TRUE(base::is_extension_id(kDevelopmentExtensionId));
    EXPECT_TRUE(base::is_extension_id(kOtherId));
    EXPECT_FALSE(base::is_extension_id(""));
    EXPECT_FALSE(base::is_extension_id(std::string(33, 'a')));
    EXPECT_FALSE(base::is_extension_id("abcdefghijklmnopabcdefghijklmno/"));
}

// Any unpacked extension can carry the development ID (its key is public), so
// the manifest lets it in only when the caller asks (install decides).
TEST(PlatformManifest, AddsNoExtensionByItself) {
    EXPECT_EQ(build_manifest(kHostPath, {})["allowed_origins"], nlohmann::json::array());
}

// The packages' manifests are built on Linux for every system (the
// `manifest` command), so the path rule is the target system's, judged as text.
TEST(PlatformManifest, TheHostPathFollowsTheTargetSystemsRule) {
    using ccp_relogin::platform::System;
    EXPECT_EQ(build_manifest("/usr/bin/ccp-relogin", {}, System::kLinux)["path"],
              "/usr/bin/ccp-relogin");
    EXPECT_THROW(build_manifest("C:\\x\\ccp-relogin.exe", {}, System::kLinux),
                 std::invalid_argument);
    EXPECT_THROW(build_manifest("usr/bin/ccp-relogin", {}, System::kMacOS), std::invalid_argument);
    // Windows: a full path, or a file name the browser finds beside the manifest.
    EXPECT_EQ(build_manifest("C:\\Program Files\\ccp-relogin\\ccp-relogin.exe", {},
                             System::kWindows)["path"],
              "C:\\Program Files\\ccp-relogin\\ccp-relogin.exe");
    EXPECT_EQ(build_manifest("ccp-relogin.exe", {}, System::kWindows)["path"], "ccp-relogin.exe");
    EXPECT_NO_THROW(build_manifest("\\\\server\\share\\ccp-relogin.exe", {}, System::kWindows));
    EXPECT_THROW(build_manifest("bin\\ccp-relogin.exe", {}, System::kWindows),
                 std::invalid_argument);
    EXPECT_THROW(build_manifest("..", {}, System::kWindows), std::invalid_argument);
    EXPECT_THROW(build_manifest("", {}, System::kWindows), std::invalid_argument);
}

class PlatformManifestInstall : public ::testing::Test {
  protected:
    TempDir scratch;
    ManifestLocation location{scratch / "NativeMessagingHosts", std::nullopt};
    std::filesystem::path file = scratch / "NativeMessagingHosts" / "com.ccp_relogin.host.json";
};

TEST_F(PlatformManifestInstall, WritesTheManifestWhereTheBrowserLooks) {
    const auto manifest = build_manifest(kHostPath, {kOtherId});
    EXPECT_EQ(install_manifest(location, Scope::kUser, manifest), InstallOutcome::kWritten);
    EXPECT_EQ(manifest_path(location), file);
    EXPECT_EQ(read_json(file), manifest);
    EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp"));
#ifndef _WIN32  // Windows has ACLs, no mode bits (a user's files inherit their folder's)
    // Readable by a browser running as another user (system scope), whatever the umask.
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                  std::filesystem::perms::group_read | std::filesystem::perms::others_read);
#endif
}

TEST_F(PlatformManifestInstall, IsIdempotentAndUpdatesAChangedManifest) {
    const auto first = build_manifest(kHostPath, {});
    ASSERT_EQ(install_manifest(location, Scope::kUser, first), InstallOutcome::kWritten);
    const auto before = read_text(file);
    EXPECT_EQ(install_manifest(location, Scope::kUser, first), InstallOutcome::kUnchanged);
    EXPECT_EQ(read_text(file), before);

    const auto second = build_manifest(kHostPath, {kOtherId});
    EXPECT_EQ(install_manifest(location, Scope::kUser, second), InstallOutcome::kWritten);
    EXPECT_EQ(read_json(file), second);
}

TEST_F(PlatformManifestInstall, DoesNotOverwriteAFileThatIsNotOurs) {
    std::filesystem::create_directories(location.directory);
    std::ofstream(file) << R"({"name": "com.other.host", "path": "/x"})";
    EXPECT_THROW(install_manifest(location, Scope::kUser, build_manifest(kHostPath, {})),
                 std::runtime_error);
    EXPECT_EQ(read_json(file)["name"], "com.other.host");
}

TEST_F(PlatformManifestInstall, UninstallRemovesOnlyOurManifest) {
    ASSERT_EQ(install_manifest(location, Scope::kUser, build_manifest(kHostPath, {})),
              InstallOutcome::kWritten);
    const auto foreign = location.directory / "com.other.host.json";
    std::ofstream(foreign) << R"({"name": "com.other.host"})";

    EXPECT_EQ(uninstall_manifest(location, Scope::kUser), UninstallOutcome::kRemoved);
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_TRUE(std::filesystem::exists(foreign));
    EXPECT_EQ(uninstall_manifest(location, Scope::kUser), UninstallOutcome::kAbsent);
}

TEST_F(PlatformManifestInstall, UninstallLeavesAForeignFileWithOurNameAlone) {
    std::filesystem::create_directories(location.directory);
    std::ofstream(file) << "not json at all";
    EXPECT_THROW(uninstall_manifest(location, Scope::kUser), std::runtime_error);
    EXPECT_EQ(read_text(file), "not json at all");
}

TEST_F(PlatformManifestInstall, UninstallOfAMissingDirectoryIsAbsent) {
    EXPECT_EQ(uninstall_manifest(location, Scope::kUser), UninstallOutcome::kAbsent);
    EXPECT_FALSE(std::filesystem::exists(location.directory));
}

}  // namespace
}  // namespace ccp_relogin::platform
