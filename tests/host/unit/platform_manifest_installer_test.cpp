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
    const auto m = build_manifest("/usr/bin/ccp-relogin", {kOtherId});
    EXPECT_EQ(m["name"], "com.ccp_relogin.host");
    EXPECT_EQ(m["type"], "stdio");
    EXPECT_EQ(m["path"], "/usr/bin/ccp-relogin");
    EXPECT_FALSE(m["description"].get<std::string>().empty());
    const auto expected =
        nlohmann::json::array({"chrome-extension://" + std::string(kOtherId) + "/"});
    EXPECT_EQ(m["allowed_origins"], expected);
    EXPECT_EQ(m.size(), 5u);
}

TEST(PlatformManifest, DuplicateIdsAppearOnce) {
    const auto m = build_manifest("/opt/x/ccp-relogin",
                                  {kOtherId, kOtherId, std::string(kDevelopmentExtensionId)});
    EXPECT_EQ(m["allowed_origins"].size(), 2u);
}

TEST(PlatformManifest, RefusesBadIdsAndRelativePaths) {
    EXPECT_THROW(build_manifest("ccp-relogin", {}), std::invalid_argument);
    EXPECT_THROW(build_manifest("/usr/bin/ccp-relogin", {"short"}), std::invalid_argument);
    EXPECT_THROW(build_manifest("/usr/bin/ccp-relogin", {"abcdefghijklmnopabcdefghijklmnoq"}),
                 std::invalid_argument);  // 'q' is outside a–p
    EXPECT_THROW(build_manifest("/usr/bin/ccp-relogin", {"ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"}),
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
    EXPECT_EQ(build_manifest("/usr/bin/ccp-relogin", {})["allowed_origins"],
              nlohmann::json::array());
}

// manifests/com.ccp_relogin.host.json.in is what packages install; it must say
// exactly what the installer writes.
TEST(PlatformManifest, PackagingTemplateMatchesTheInstaller) {
    const auto repo =
        std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
    auto text = read_text(repo / "manifests" / "com.ccp_relogin.host.json.in");
    ASSERT_FALSE(text.empty());
    const std::string placeholder = "@CCP_RELOGIN_HOST_PATH@";
    const auto at = text.find(placeholder);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, placeholder.size(), "/usr/bin/ccp-relogin");
    EXPECT_EQ(nlohmann::json::parse(text), build_manifest("/usr/bin/ccp-relogin", {}));
}

class PlatformManifestInstall : public ::testing::Test {
  protected:
    TempDir scratch;
    ManifestLocation location{scratch / "NativeMessagingHosts", std::nullopt};
    std::filesystem::path file = scratch / "NativeMessagingHosts" / "com.ccp_relogin.host.json";
};

TEST_F(PlatformManifestInstall, WritesTheManifestWhereTheBrowserLooks) {
    const auto manifest = build_manifest("/usr/bin/ccp-relogin", {kOtherId});
    EXPECT_EQ(install_manifest(location, Scope::kUser, manifest), InstallOutcome::kWritten);
    EXPECT_EQ(manifest_path(location), file);
    EXPECT_EQ(read_json(file), manifest);
    EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp"));
    // Readable by a browser running as another user (system scope), whatever the umask.
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                  std::filesystem::perms::group_read | std::filesystem::perms::others_read);
}

TEST_F(PlatformManifestInstall, IsIdempotentAndUpdatesAChangedManifest) {
    const auto first = build_manifest("/usr/bin/ccp-relogin", {});
    ASSERT_EQ(install_manifest(location, Scope::kUser, first), InstallOutcome::kWritten);
    const auto before = read_text(file);
    EXPECT_EQ(install_manifest(location, Scope::kUser, first), InstallOutcome::kUnchanged);
    EXPECT_EQ(read_text(file), before);

    const auto second = build_manifest("/usr/bin/ccp-relogin", {kOtherId});
    EXPECT_EQ(install_manifest(location, Scope::kUser, second), InstallOutcome::kWritten);
    EXPECT_EQ(read_json(file), second);
}

TEST_F(PlatformManifestInstall, DoesNotOverwriteAFileThatIsNotOurs) {
    std::filesystem::create_directories(location.directory);
    std::ofstream(file) << R"({"name": "com.other.host", "path": "/x"})";
    EXPECT_THROW(
        install_manifest(location, Scope::kUser, build_manifest("/usr/bin/ccp-relogin", {})),
        std::runtime_error);
    EXPECT_EQ(read_json(file)["name"], "com.other.host");
}

TEST_F(PlatformManifestInstall, UninstallRemovesOnlyOurManifest) {
    ASSERT_EQ(install_manifest(location, Scope::kUser, build_manifest("/usr/bin/ccp-relogin", {})),
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
