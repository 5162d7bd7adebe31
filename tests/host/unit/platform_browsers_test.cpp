// The browsers table: every browser × scope on Linux spelled out, plus the
// other systems' rows and the --user-data-dir rule.
#include <gtest/gtest.h>

#include "platform/browsers.h"

namespace ccp_relogin::platform {
namespace {

HomeDirs dirs() {
    HomeDirs d;
    d.home = "/home/agent";
    d.xdgConfigHome = "/home/agent/.config";
    d.localAppData = "C:\\Users\\agent\\AppData\\Local";
    d.programData = "C:\\ProgramData";
    return d;
}

struct LinuxRow {
    Browser browser;
    Scope scope;
    const char* directory;
};

TEST(PlatformBrowsers, LinuxLocationsForEveryBrowserAndScope) {
    const LinuxRow expected[] = {
        {Browser::kChrome, Scope::kUser, "/home/agent/.config/google-chrome/NativeMessagingHosts"},
        {Browser::kChrome, Scope::kSystem, "/etc/opt/chrome/native-messaging-hosts"},
        {Browser::kChromium, Scope::kUser, "/home/agent/.config/chromium/NativeMessagingHosts"},
        {Browser::kChromium, Scope::kSystem, "/etc/chromium/native-messaging-hosts"},
        {Browser::kEdge, Scope::kUser, "/home/agent/.config/microsoft-edge/NativeMessagingHosts"},
        {Browser::kEdge, Scope::kSystem, "/etc/opt/edge/native-messaging-hosts"},
        {Browser::kBrave, Scope::kUser,
         "/home/agent/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts"},
        // Brave reads Chrome's system folder (brave/brave-core#53).
        {Browser::kBrave, Scope::kSystem, "/etc/opt/chrome/native-messaging-hosts"},
    };
    for (const auto& row : expected) {
        const auto location = manifest_location(row.browser, row.scope, System::kLinux, dirs());
        EXPECT_EQ(location.directory, row.directory)
            << to_string(row.browser) << ' ' << to_string(row.scope);
        EXPECT_FALSE(location.registryKey.has_value());
    }
}

TEST(PlatformBrowsers, LinuxUserLocationFollowsXdgConfigHome) {
    auto d = dirs();
    d.xdgConfigHome = "/cfg";
    EXPECT_EQ(manifest_location(Browser::kChromium, Scope::kUser, System::kLinux, d).directory,
              "/cfg/chromium/NativeMessagingHosts");
}

TEST(PlatformBrowsers, UserDataDirOverridesTheUserLocation) {
    for (auto browser : kAllBrowsers) {
        for (auto system : {System::kLinux, System::kMacOS}) {
            const auto location = manifest_location(browser, Scope::kUser, system, dirs(),
                                                    std::filesystem::path("/tmp/udd"));
            EXPECT_EQ(location.directory, "/tmp/udd/NativeMessagingHosts") << to_string(browser);
        }
    }
}

TEST(PlatformBrowsers, UserDataDirWithSystemScopeOrOnWindowsIsRefused) {
    const std::filesystem::path udd = "/tmp/udd";
    EXPECT_THROW(manifest_location(Browser::kChrome, Scope::kSystem, System::kLinux, dirs(), udd),
                 std::invalid_argument);
    EXPECT_THROW(manifest_location(Browser::kChrome, Scope::kUser, System::kWindows, dirs(), udd),
                 std::invalid_argument);
}

TEST(PlatformBrowsers, MissingHomeIsAClearError) {
    HomeDirs empty;
    EXPECT_THROW(manifest_location(Browser::kChrome, Scope::kUser, System::kLinux, empty),
                 std::invalid_argument);
    // The system scope needs no home.
    EXPECT_NO_THROW(manifest_location(Browser::kChrome, Scope::kSystem, System::kLinux, empty));
}

TEST(PlatformBrowsers, MacOSLocations) {
    auto at = [](Browser b, Scope s) {
        // generic_string: the components, '/'-joined, whichever system
        // builds the table (on Windows path::string() joins with '\\').
        return manifest_location(b, s, System::kMacOS, dirs()).directory.generic_string();
    };
    EXPECT_EQ(at(Browser::kChrome, Scope::kUser),
              "/home/agent/Library/Application Support/Google/Chrome/NativeMessagingHosts");
    EXPECT_EQ(at(Browser::kEdge, Scope::kUser),
              "/home/agent/Library/Application Support/Microsoft Edge/NativeMessagingHosts");
    EXPECT_EQ(at(Browser::kChrome, Scope::kSystem), "/Library/Google/Chrome/NativeMessagingHosts");
    EXPECT_EQ(at(Browser::kEdge, Scope::kSystem), "/Library/Microsoft/Edge/NativeMessagingHosts");
    EXPECT_EQ(at(Browser::kChromium, Scope::kSystem),
              "/Library/Application Support/Chromium/NativeMessagingHosts");
}

TEST(PlatformBrowsers, WindowsUsesRegistryKeysPerScope) {
    auto key = [](Browser b) {
        return manifest_location(b, Scope::kUser, System::kWindows, dirs()).registryKey.value();
    };
    EXPECT_EQ(key(Browser::kChrome),
              "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(key(Browser::kChromium),
              "SOFTWARE\\Chromium\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(key(Browser::kEdge),
              "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com.ccp_relogin.host");
    EXPECT_EQ(key(Browser::kBrave), key(Browser::kChrome));
    const auto user = manifest_location(Browser::kEdge, Scope::kUser, System::kWindows, dirs());
    const auto system = manifest_location(Browser::kEdge, Scope::kSystem, System::kWindows, dirs());
    EXPECT_EQ(user.directory.string().rfind("C:\\Users\\agent\\AppData\\Local", 0), 0u);
    EXPECT_EQ(system.directory.string().rfind("C:\\ProgramData", 0), 0u);
    EXPECT_NE(user.directory, system.directory);
}

TEST(PlatformBrowsers, PolicyKeysAreWindowsOnly) {
    // Chrome's and Edge's as `ccp-relogin policy --format reg` writes them
    // (policy/registry_file.cpp).
    EXPECT_EQ(managed_policy_key(Browser::kChrome, System::kWindows),
              "SOFTWARE\\Policies\\Google\\Chrome");
    EXPECT_EQ(managed_policy_key(Browser::kEdge, System::kWindows),
              "SOFTWARE\\Policies\\Microsoft\\Edge");
    EXPECT_EQ(managed_policy_key(Browser::kChromium, System::kWindows),
              "SOFTWARE\\Policies\\Chromium");
    EXPECT_EQ(managed_policy_key(Browser::kBrave, System::kWindows),
              "SOFTWARE\\Policies\\BraveSoftware\\Brave");
    for (const auto browser : kAllBrowsers) {
        EXPECT_FALSE(managed_policy_key(browser, System::kLinux));
        EXPECT_FALSE(managed_policy_key(browser, System::kMacOS));
        EXPECT_FALSE(managed_policy_dir(browser, System::kWindows));
    }
}

TEST(PlatformBrowsers, DefaultUserDataDirsOnEverySystem) {
    HomeDirs home{"/home/agent", "/home/agent/.config", "/c/Local", "/c/ProgramData"};
    EXPECT_EQ(default_user_data_dir(Browser::kChrome, System::kLinux, home),
              std::filesystem::path("/home/agent/.config/google-chrome"));
    EXPECT_EQ(default_user_data_dir(Browser::kBrave, System::kMacOS, home),
              std::filesystem::path(
                  "/home/agent/Library/Application Support/BraveSoftware/Brave-Browser"));
    EXPECT_EQ(default_user_data_dir(Browser::kEdge, System::kWindows, home),
              std::filesystem::path("/c/Local") / "Microsoft" / "Edge" / "User Data");
    for (const auto browser : kAllBrowsers) {
        // The same folder as the one holding the user's manifest folder.
        EXPECT_EQ(
            default_user_data_dir(browser, System::kLinux, home),
            manifest_location(browser, Scope::kUser, System::kLinux, home).directory.parent_path());
        EXPECT_FALSE(default_user_data_dir(browser, System::kWindows, HomeDirs{}));
        EXPECT_FALSE(default_user_data_dir(browser, System::kLinux, HomeDirs{}));
    }
}

TEST(PlatformBrowsers, NamesRoundTrip) {
    for (auto browser : kAllBrowsers) EXPECT_EQ(parse_browser(to_string(browser)), browser);
    EXPECT_EQ(parse_browser("firefox"), std::nullopt);
    EXPECT_EQ(parse_browser("Chrome"), std::nullopt);
    EXPECT_EQ(parse_scope("user"), Scope::kUser);
    EXPECT_EQ(parse_scope("system"), Scope::kSystem);
    EXPECT_EQ(parse_scope("global"), std::nullopt);
}

}  // namespace
}  // namespace ccp_relogin::platform
