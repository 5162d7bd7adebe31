#include "doctor/probe_sandbox.h"

#include <cstdlib>
#include <string_view>
#include <system_error>

#include "platform/manifest_installer.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;
using platform::Browser;

// The sandboxed packages of the supported browsers: Flathub's app IDs (the
// flathub/<id> repositories: com.google.Chrome, org.chromium.Chromium,
// com.microsoft.Edge, com.brave.Browser) and the Snap Store's names
// (chromium; brave, brave/brave-browser#17537).
struct Package {
    Browser browser;
    Sandbox sandbox;
    std::string_view name;
};

constexpr Package kPackages[] = {
    {Browser::kChrome, Sandbox::kFlatpak, "com.google.Chrome"},
    {Browser::kChromium, Sandbox::kFlatpak, "org.chromium.Chromium"},
    {Browser::kEdge, Sandbox::kFlatpak, "com.microsoft.Edge"},
    {Browser::kBrave, Sandbox::kFlatpak, "com.brave.Browser"},
    {Browser::kChromium, Sandbox::kSnap, "chromium"},
    {Browser::kBrave, Sandbox::kSnap, "brave"},
};

// Present, even as a dangling link (a half-removed install is still worth a word).
bool entry_exists(const fs::path& path) {
    if (path.empty()) return false;
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

bool directory_exists(const fs::path& path) {
    std::error_code ec;
    return !path.empty() && fs::is_directory(path, ec);
}

// Every Flatpak installation exports a launcher named after the app ID in
// <installation>/exports/bin/ (flatpak/flatpak#1254); the per-user
// installation lives in $XDG_DATA_HOME/flatpak, the system one in
// /var/lib/flatpak (elementary/os-patches#229). The user one is looked at first,
// as `flatpak run` does.
fs::path flatpak_launcher(const Package& package, const SandboxRoots& roots) {
    for (const auto& installation : {roots.user_flatpak, roots.system_flatpak}) {
        if (installation.empty()) continue;
        const auto launcher = installation / "exports" / "bin" / package.name;
        if (entry_exists(launcher)) return launcher;
    }
    return {};
}

// Inside the sandbox XDG_CONFIG_HOME is ~/.var/app/<id>/config, so the browser
// reads its usual per-user location below that (see doctor/check_sandbox.h).
void add_flatpak_facts(SandboxedBrowser& found, const SandboxRoots& roots) {
    if (roots.home.empty()) return;
    const auto app_dir = roots.home / ".var" / "app" / found.package;
    found.used = directory_exists(app_dir);
    platform::HomeDirs sandboxed;
    sandboxed.home = roots.home;
    sandboxed.xdgConfigHome = app_dir / "config";
    const auto location = platform::manifest_location(found.browser, platform::Scope::kUser,
                                                      platform::System::kLinux, sandboxed);
    found.manifest_dir = location.directory;
    found.has_our_manifest = entry_exists(platform::manifest_path(location));
}

// snapd keeps each snap's per-user data in ~/snap/<name>/ (darktrojan/openwith#275).
void add_snap_facts(SandboxedBrowser& found, const SandboxRoots& roots) {
    if (!roots.home.empty()) found.used = directory_exists(roots.home / "snap" / found.package);
}

fs::path env_path(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? fs::path(value) : fs::path();
}

}  // namespace

SandboxRoots sandbox_roots_from_process() {
    SandboxRoots roots;
    roots.home = env_path("HOME");
    if (roots.home.is_relative()) roots.home.clear();  // unset or unusable
    // The XDG base directory spec ignores relative values.
    const auto data_home = env_path("XDG_DATA_HOME");
    if (data_home.is_absolute())
        roots.user_flatpak = data_home / "flatpak";
    else if (!roots.home.empty())
        roots.user_flatpak = roots.home / ".local" / "share" / "flatpak";
    roots.system_flatpak = "/var/lib/flatpak";
    roots.snap_bin = "/snap/bin";
    return roots;
}

std::vector<SandboxedBrowser> find_sandboxed_browsers(const std::vector<Browser>& browsers,
                                                      const SandboxRoots& roots) {
    std::vector<SandboxedBrowser> found;
    for (const auto& package : kPackages) {
        bool wanted = false;
        for (auto browser : browsers) wanted = wanted || browser == package.browser;
        if (!wanted) continue;
        SandboxedBrowser install;
        install.browser = package.browser;
        install.sandbox = package.sandbox;
        install.package = std::string(package.name);
        if (package.sandbox == Sandbox::kFlatpak) {
            install.found_at = flatpak_launcher(package, roots);
            if (install.found_at.empty()) continue;
            add_flatpak_facts(install, roots);
        } else {
            if (roots.snap_bin.empty()) continue;
            install.found_at = roots.snap_bin / package.name;
            if (!entry_exists(install.found_at)) continue;
            add_snap_facts(install, roots);
        }
        found.push_back(std::move(install));
    }
    return found;
}

}  // namespace ccp_relogin::doctor
