#pragma once
// The I/O half of doctor's sandboxed-browser check (doctor/check_sandbox.h): which
// Flatpak and Snap installs of the supported browsers exist for this user.
// It only looks (stat); nothing is run, `flatpak` and `snap` included, so it
// works the same without them and never waits.
#include <filesystem>
#include <vector>

#include "doctor/check_sandbox.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

// Where the probe looks; tests point them into a temporary directory.
struct SandboxRoots {
    std::filesystem::path home;          // ~/.var/app/<id>/, ~/snap/<name>/ (empty: not looked at)
    std::filesystem::path user_flatpak;  // per-user Flatpak installation (empty: not looked at)
    std::filesystem::path system_flatpak;  // the system-wide Flatpak installation
    std::filesystem::path snap_bin;        // where snapd puts the snaps' launchers
};

// $HOME; $XDG_DATA_HOME/flatpak (else ~/.local/share/flatpak); /var/lib/flatpak;
// /snap/bin.
SandboxRoots sandbox_roots_from_process();

// The Flatpak and Snap installs of `browsers` under `roots`, in a fixed order.
// A Flatpak counts as installed when its exported launcher
// (<installation>/exports/bin/<app id>) exists, a Snap when /snap/bin/<name>
// does. Never throws for what it finds (or doesn't) on disk.
std::vector<SandboxedBrowser> find_sandboxed_browsers(
    const std::vector<platform::Browser>& browsers, const SandboxRoots& roots);

}  // namespace ccp_relogin::doctor
