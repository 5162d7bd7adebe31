// install/uninstall on Windows (built and run only there: under Wine by
// ./run windows): the manifest file, and the registry key whose default value
// the browser reads (docs/facts.md, "Native messaging"), read back from the
// registry for every browser and both scopes.
#include <gtest/gtest.h>
#include <windows.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "platform/browsers.h"
#include "platform/manifest_installer.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using testing::TempDir;

constexpr const char* kOtherId = "abcdefghijklmnopabcdefghijklmnop";

HKEY root_of(Scope scope) { return scope == Scope::kUser ? HKEY_CURRENT_USER : HKEY_LOCAL_MACHINE; }

// The key's default value, read the way the browser reads it; nullopt when
// the key (or its value) is not there.
std::optional<std::wstring> registry_default(Scope scope, const std::string& key) {
    const std::wstring wkey = std::filesystem::path(key).wstring();
    wchar_t value[32768];
    DWORD size = sizeof value;
    if (RegGetValueW(root_of(scope), wkey.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, value, &size) !=
        ERROR_SUCCESS)
        return std::nullopt;
    return std::wstring(value);
}

void set_registry_default(Scope scope, const std::string& key, const std::wstring& value) {
    const std::wstring wkey = std::filesystem::path(key).wstring();
    HKEY handle = nullptr;
    ASSERT_EQ(RegCreateKeyExW(root_of(scope), wkey.c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr,
                              &handle, nullptr),
              ERROR_SUCCESS);
    RegSetValueExW(handle, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                   static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(handle);
}

class WindowsManifestRegistry : public ::testing::Test {
  protected:
    TempDir scratch;
    HomeDirs dirs{{}, {}, scratch / "Local", scratch / "ProgramData"};
    nlohmann::json manifest =
        build_manifest("C:\\Program Files\\ccp-relogin\\ccp-relogin.exe", {kOtherId});
};

TEST_F(WindowsManifestRegistry, InstallWritesTheFileAndTheKeyUninstallRemovesBoth) {
    for (const auto scope : {Scope::kUser, Scope::kSystem}) {
        for (const auto browser : kAllBrowsers) {
            SCOPED_TRACE(std::string(to_string(browser)) + " " + std::string(to_string(scope)));
            const auto location = manifest_location(browser, scope, System::kWindows, dirs);
            ASSERT_TRUE(location.registryKey);
            const auto file = manifest_path(location);

            EXPECT_EQ(install_manifest(location, scope, manifest), InstallOutcome::kWritten);
            EXPECT_EQ(registry_default(scope, *location.registryKey), file.wstring());
            EXPECT_EQ(registered_manifest(location, scope), file);  // what doctor reads
            {
                // Closed before the uninstall: Windows refuses to remove an open file.
                std::ifstream in(file, std::ios::binary);
                std::stringstream text;
                text << in.rdbuf();
                EXPECT_EQ(nlohmann::json::parse(text.str()), manifest);
            }

            EXPECT_EQ(uninstall_manifest(location, scope), UninstallOutcome::kRemoved);
            EXPECT_EQ(registry_default(scope, *location.registryKey), std::nullopt);
            EXPECT_EQ(registered_manifest(location, scope), std::nullopt);
            EXPECT_FALSE(std::filesystem::exists(file));
        }
    }
}

TEST_F(WindowsManifestRegistry, TheKeyNamesTheBrowsersVendorFolder) {
    EXPECT_EQ(manifest_location(Browser::kEdge, Scope::kUser, System::kWindows, dirs).registryKey,
              "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(
        manifest_location(Browser::kChrome, Scope::kSystem, System::kWindows, dirs).registryKey,
        "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\com.ccp_relogin.host");
}

TEST_F(WindowsManifestRegistry, ReinstallingRepointsAKeyLeftByAnotherCopy) {
    const auto location = manifest_location(Browser::kChrome, Scope::kUser, System::kWindows, dirs);
    set_registry_default(Scope::kUser, *location.registryKey, L"D:\\old\\manifest.json");
    install_manifest(location, Scope::kUser, manifest);
    EXPECT_EQ(registry_default(Scope::kUser, *location.registryKey),
              manifest_path(location).wstring());
    uninstall_manifest(location, Scope::kUser);
}

TEST_F(WindowsManifestRegistry, UninstallLeavesAKeyPointingElsewhereAlone) {
    const auto location = manifest_location(Browser::kEdge, Scope::kUser, System::kWindows, dirs);
    install_manifest(location, Scope::kUser, manifest);
    // Another installation took the key over since.
    set_registry_default(Scope::kUser, *location.registryKey, L"D:\\other\\manifest.json");
    EXPECT_EQ(uninstall_manifest(location, Scope::kUser), UninstallOutcome::kRemoved);
    EXPECT_EQ(registry_default(Scope::kUser, *location.registryKey), L"D:\\other\\manifest.json");
    const std::wstring wkey = std::filesystem::path(*location.registryKey).wstring();
    RegDeleteKeyW(HKEY_CURRENT_USER, wkey.c_str());
}

}  // namespace
}  // namespace ccp_relogin::platform
