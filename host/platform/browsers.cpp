#include "platform/browsers.h"

#include <array>
#include <cstdlib>
#include <stdexcept>

#include "platform/host_identity.h"

namespace ccp_relogin::platform {
namespace {

// One row per browser: every location it reads manifests from.
//  - linuxUser / macUser: relative to $XDG_CONFIG_HOME (Linux) or
//    ~/Library/Application Support (macOS): the browser's default user data
//    dir, whose NativeMessagingHosts/ subfolder it reads (docs/facts.md, "Native messaging").
//  - Brave has no system locations of its own: brave-core patches the
//    native-messaging dir to Google Chrome's (brave/brave-core#53, for
//    password managers that install only for Chrome), so on Linux it reads
//    /etc/opt/chrome/native-messaging-hosts/, on macOS
//    /Library/Google/Chrome/NativeMessagingHosts/ and on Windows the Google
//    Chrome key (KeePassXC's installer does the same). Its user locations
//    follow its own user data dir (BraveSoftware/Brave-Browser).
//  - Windows: the browser reads the key's default value (the manifest path)
//    under HKCU (user) or HKLM (system); Edge also falls back to the Chromium
//    and Chrome keys, which we don't rely on.
//  - linuxPolicy: the folder of mandatory policy files (*.json) on Linux
//    (docs/facts.md, "Third-party cookies"); Brave's is not confirmed, so
//    none is named.
//  - windowsPolicy: the key under HKLM (machine) and HKCU (user) that holds
//    the browser's mandatory policy on Windows (docs/facts.md, "Policies"):
//    Chrome's and Edge's are the ones `ccp-relogin policy --format reg`
//    writes (policy/registry_file.cpp); Chromium's is in Chromium's source;
//    Brave's is **unconfirmed** (seen in public .reg files only).
//  - windowsUserData: the default user data dir on Windows, under
//    %LOCALAPPDATA% (docs/facts.md, "Third-party cookies"); Edge's and
//    Brave's are **unconfirmed**.
//  - linuxCommands: the commands that start it on Linux, looked up on PATH
//    (the names the vendors' packages and Debian's install), first found wins;
//    macApp: the executable inside its application bundle on macOS;
//    windowsApp: the executable under an install folder on Windows
//    (%ProgramFiles%, %ProgramFiles(x86)% or, for a per-user install,
//    %LOCALAPPDATA%: browser_launch.h), where the vendors' installers put
//    it; **unconfirmed** here (docs/facts.md's sense), like Edge's and Brave's rows.
struct BrowserRow {
    Browser browser;
    std::string_view name;
    std::string_view linuxUser;
    std::string_view linuxSystem;
    std::string_view macUser;
    std::string_view macSystem;
    std::string_view windowsKey;
    std::string_view linuxPolicy;
    std::string_view windowsPolicy;
    std::string_view windowsUserData;
    std::array<std::string_view, 2> linuxCommands;
    std::string_view macApp;
    std::string_view windowsApp;
};

constexpr BrowserRow kBrowsers[] = {
    {Browser::kChrome,
     "chrome",
     "google-chrome",
     "/etc/opt/chrome/native-messaging-hosts",
     "Google/Chrome",
     "/Library/Google/Chrome/NativeMessagingHosts",
     "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts",
     "/etc/opt/chrome/policies/managed",
     "SOFTWARE\\Policies\\Google\\Chrome",
     "Google\\Chrome\\User Data",
     {"google-chrome", "google-chrome-stable"},
     "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
     "Google\\Chrome\\Application\\chrome.exe"},
    {Browser::kChromium,
     "chromium",
     "chromium",
     "/etc/chromium/native-messaging-hosts",
     "Chromium",
     "/Library/Application Support/Chromium/NativeMessagingHosts",
     "SOFTWARE\\Chromium\\NativeMessagingHosts",
     "/etc/chromium/policies/managed",
     "SOFTWARE\\Policies\\Chromium",
     "Chromium\\User Data",
     {"chromium", "chromium-browser"},
     "/Applications/Chromium.app/Contents/MacOS/Chromium",
     "Chromium\\Application\\chrome.exe"},
    {Browser::kEdge,
     "edge",
     "microsoft-edge",
     "/etc/opt/edge/native-messaging-hosts",
     "Microsoft Edge",
     "/Library/Microsoft/Edge/NativeMessagingHosts",
     "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts",
     "/etc/opt/edge/policies/managed",
     "SOFTWARE\\Policies\\Microsoft\\Edge",
     "Microsoft\\Edge\\User Data",
     {"microsoft-edge", "microsoft-edge-stable"},
     "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
     "Microsoft\\Edge\\Application\\msedge.exe"},
    {Browser::kBrave,
     "brave",
     "BraveSoftware/Brave-Browser",
     "/etc/opt/chrome/native-messaging-hosts",
     "BraveSoftware/Brave-Browser",
     "/Library/Google/Chrome/NativeMessagingHosts",
     "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts",
     "",
     "SOFTWARE\\Policies\\BraveSoftware\\Brave",
     "BraveSoftware\\Brave-Browser\\User Data",
     {"brave-browser", "brave"},
     "/Applications/Brave Browser.app/Contents/MacOS/Brave Browser",
     "BraveSoftware\\Brave-Browser\\Application\\brave.exe"},
};

const BrowserRow& row(Browser browser) {
    for (const auto& r : kBrowsers)
        if (r.browser == browser) return r;
    throw std::invalid_argument("unknown browser");
}

constexpr const char* kHostsSubdir = "NativeMessagingHosts";

std::filesystem::path env_path(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::filesystem::path(value) : std::filesystem::path();
}

}  // namespace

std::string_view to_string(Browser browser) { return row(browser).name; }

std::string_view to_string(Scope scope) { return scope == Scope::kUser ? "user" : "system"; }

std::optional<Browser> parse_browser(std::string_view name) {
    for (const auto& r : kBrowsers)
        if (r.name == name) return r.browser;
    return std::nullopt;
}

std::optional<Scope> parse_scope(std::string_view name) {
    if (name == "user") return Scope::kUser;
    if (name == "system") return Scope::kSystem;
    return std::nullopt;
}

HomeDirs home_dirs_from_process() {
    HomeDirs dirs;
    dirs.home = env_path("HOME");
    dirs.xdgConfigHome = env_path("XDG_CONFIG_HOME");
    // The XDG spec ignores relative values.
    if (dirs.xdgConfigHome.empty() || dirs.xdgConfigHome.is_relative())
        dirs.xdgConfigHome = dirs.home.empty() ? dirs.home : dirs.home / ".config";
    dirs.localAppData = env_path("LOCALAPPDATA");
    dirs.programData = env_path("ProgramData");
    return dirs;
}

ManifestLocation manifest_location(Browser browser, Scope scope, System system,
                                   const HomeDirs& dirs,
                                   const std::optional<std::filesystem::path>& userDataDir) {
    const BrowserRow& r = row(browser);
    if (userDataDir) {
        if (scope != Scope::kUser)
            throw std::invalid_argument("--user-data-dir works only with --scope user");
        if (system == System::kWindows)
            throw std::invalid_argument(
                "on Windows browsers find hosts through the registry, not --user-data-dir");
        return {*userDataDir / kHostsSubdir, std::nullopt};
    }
    auto require = [](const std::filesystem::path& dir, const char* what) {
        if (dir.empty())
            throw std::invalid_argument(std::string("cannot find the ") + what +
                                        " directory: its environment variable is not set");
        return dir;
    };
    switch (system) {
        case System::kLinux:
            if (scope == Scope::kSystem)
                return {std::filesystem::path(r.linuxSystem), std::nullopt};
            return {require(dirs.xdgConfigHome, "config") / r.linuxUser / kHostsSubdir,
                    std::nullopt};
        case System::kMacOS:
            if (scope == Scope::kSystem) return {std::filesystem::path(r.macSystem), std::nullopt};
            return {require(dirs.home, "home") / "Library" / "Application Support" / r.macUser /
                        kHostsSubdir,
                    std::nullopt};
        case System::kWindows: {
            // The browser reads the registry; the file itself lives in our own
            // folder, one per browser so removing one browser's leaves the others'.
            const auto& base = scope == Scope::kUser ? require(dirs.localAppData, "LOCALAPPDATA")
                                                     : require(dirs.programData, "ProgramData");
            return {base / "ccp-relogin" / kHostsSubdir / r.name,
                    std::string(r.windowsKey) + "\\" + std::string(kHostName)};
        }
    }
    throw std::invalid_argument("unknown system");
}

std::vector<std::filesystem::path> browser_commands(Browser browser, System system) {
    const auto& r = row(browser);
    if (system == System::kMacOS) return {std::filesystem::path(r.macApp)};
    if (system == System::kWindows) return {std::filesystem::path(r.windowsApp)};
    if (system != System::kLinux) return {};
    return {std::filesystem::path(r.linuxCommands[0]), std::filesystem::path(r.linuxCommands[1])};
}

std::optional<std::filesystem::path> managed_policy_dir(Browser browser, System system) {
    const auto& r = row(browser);
    if (system != System::kLinux || r.linuxPolicy.empty()) return std::nullopt;
    return std::filesystem::path(r.linuxPolicy);
}

std::optional<std::string> managed_policy_key(Browser browser, System system) {
    if (system != System::kWindows) return std::nullopt;
    return std::string(row(browser).windowsPolicy);
}

std::optional<std::filesystem::path> default_user_data_dir(Browser browser, System system,
                                                           const HomeDirs& dirs) {
    const auto& r = row(browser);
    switch (system) {
        case System::kLinux:
            if (dirs.xdgConfigHome.empty()) return std::nullopt;
            return dirs.xdgConfigHome / r.linuxUser;
        case System::kMacOS:
            if (dirs.home.empty()) return std::nullopt;
            return dirs.home / "Library" / "Application Support" / r.macUser;
        case System::kWindows:
            if (dirs.localAppData.empty()) return std::nullopt;
            // One component per folder, so the path is right whichever
            // separator the system building it uses.
            std::filesystem::path dir = dirs.localAppData;
            std::string_view rest = r.windowsUserData;
            for (auto sep = rest.find('\\'); sep != std::string_view::npos; sep = rest.find('\\')) {
                dir /= std::string(rest.substr(0, sep));
                rest.remove_prefix(sep + 1);
            }
            return dir / std::string(rest);
    }
    return std::nullopt;
}

}  // namespace ccp_relogin::platform
