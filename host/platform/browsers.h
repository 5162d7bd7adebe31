#pragma once
// Where each Chromium-family browser looks for native-messaging host
// manifests, on each system, for each scope: one table (browsers.cpp), so a
// new browser or location is one row. Sources: docs/facts.md ("Native messaging"), the browsers'
// documentation and KeePassXC's NativeMessageInstaller.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/system.h"

namespace ccp_relogin::platform {

enum class Browser { kChrome, kChromium, kEdge, kBrave };
enum class Scope { kUser, kSystem };

inline constexpr Browser kAllBrowsers[] = {Browser::kChrome, Browser::kChromium, Browser::kEdge,
                                           Browser::kBrave};

std::string_view to_string(Browser browser);  // "chrome" | "chromium" | "edge" | "brave"
std::string_view to_string(Scope scope);      // "user" | "system"
std::optional<Browser> parse_browser(std::string_view name);
std::optional<Scope> parse_scope(std::string_view name);

// The directories a location depends on (pure inputs, from the environment).
struct HomeDirs {
    std::filesystem::path home;           // $HOME (Linux, macOS)
    std::filesystem::path xdgConfigHome;  // $XDG_CONFIG_HOME or $HOME/.config (Linux)
    std::filesystem::path localAppData;   // %LOCALAPPDATA% (Windows, user scope)
    std::filesystem::path programData;    // %ProgramData% (Windows, system scope)
};

HomeDirs home_dirs_from_process();

// Where one browser finds our manifest.
struct ManifestLocation {
    // Directory the manifest file goes in. On Windows the browser does not
    // scan a directory: the file lives here and `registryKey` points at it.
    std::filesystem::path directory;
    // Windows only: the key under HKCU (user) or HKLM (system) whose default
    // value is the manifest path, e.g. "SOFTWARE\Google\Chrome\NativeMessagingHosts\<name>".
    std::optional<std::string> registryKey;
};

// Pure. With `userDataDir` (user scope only; Linux and macOS), the browser
// was started with --user-data-dir and looks in <userDataDir>/NativeMessagingHosts/.
// Throws std::invalid_argument for combinations that don't exist (a user data
// dir with the system scope or on Windows).
ManifestLocation manifest_location(Browser browser, Scope scope, System system,
                                   const HomeDirs& dirs,
                                   const std::optional<std::filesystem::path>& userDataDir = {});

// The commands that start the browser: on Linux names to look up on PATH
// (first found wins), on macOS the executable in its application bundle, on
// Windows the executable's path under an install folder
// (browser_launch.h). Pure.
std::vector<std::filesystem::path> browser_commands(Browser browser, System system);

// The folder of the browser's mandatory policy files (*.json), where the
// system has one: Linux only (Windows keeps policy in the registry, macOS in
// managed preferences), and not for Brave. Pure.
std::optional<std::filesystem::path> managed_policy_dir(Browser browser, System system);

// The registry key of the browser's mandatory policy, under HKLM (machine)
// and HKCU (user), e.g. "SOFTWARE\Policies\Google\Chrome": Windows only. Pure.
std::optional<std::string> managed_policy_key(Browser browser, System system);

// The browser's default user data dir (the folder of its profiles: Default,
// Profile 1, …): on Linux under $XDG_CONFIG_HOME, on macOS under
// ~/Library/Application Support, on Windows under %LOCALAPPDATA% ("…\User
// Data"). nullopt when that environment directory is not set. Pure.
std::optional<std::filesystem::path> default_user_data_dir(Browser browser, System system,
                                                           const HomeDirs& dirs);

}  // namespace ccp_relogin::platform
