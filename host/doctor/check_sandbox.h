#pragma once
// doctor's check for browsers installed as a Flatpak or a Snap (Linux), pure:
// given which sandboxed installs were found, say that they cannot start
// ccp-relogin and what to do. Finding them on disk is doctor/probe_sandbox.h.
//
// Why a sandboxed browser cannot start the host (public reports; stored copies
// of the issue threads and forum posts named here):
//  - Flatpak: the browser's config dir is ~/.var/app/<app id>/config, so it
//    reads user manifests only in ~/.var/app/<id>/config/<its dir>/NativeMessagingHosts/
//    (com.google.Chrome: openai/codex#42953; com.microsoft.Edge:
//    aclap-dev/vdhcoapp#207; com.brave.Browser: keepassxreboot/keepassxc-browser#1631,
//    noemica-io/open-claude-in-chrome#32), not ~/.config/… nor the host's
//    /etc/… (manifests there go unseen: flathub/com.google.Chrome#62,
//    pop-os/pop#1396; Flathub's Chromium wants hosts packaged inside as a
//    Flatpak extension: flathub/org.chromium.Chromium#2).
//    The program a manifest names runs inside the sandbox, where the host's
//    binaries are not: it has to be a wrapper calling `flatpak-spawn --host`,
//    which needs `flatpak override --talk-name=org.freedesktop.Flatpak`
//    (browserpass/browserpass-native#161, keepassxc-browser#1631). The
//    native-messaging proxy meant to replace such wrappers
//    (xdg-native-messaging-proxy) has no Chromium-family user yet
//    (flatpak/xdg-desktop-portal#655, flathub/com.microsoft.Edge#819).
//  - Snap: strict confinement stops the browser from running programs of the
//    host at all, wherever a manifest is put (forum.snapcraft.io "Native
//    messaging support in strictly-confined browser snaps";
//    keepassxreboot/keepassxc-browser#1823, andy-portmen/open-in#61;
//    Brave's snap: brave/brave-browser#17537). Its profile is under
//    ~/snap/chromium/common/chromium, not ~/.config/chromium (darktrojan/openwith#275).
// So the fix doctor gives is the one those threads end with: the vendor's
// Debian/RPM package of the browser.
#include <filesystem>
#include <string>
#include <vector>

#include "doctor/check_result.h"
#include "platform/browsers.h"
#include "platform/system.h"

namespace ccp_relogin::doctor {

enum class Sandbox { kFlatpak, kSnap };

// One sandboxed install of a supported browser.
struct SandboxedBrowser {
    platform::Browser browser = platform::Browser::kChrome;
    Sandbox sandbox = Sandbox::kFlatpak;
    std::string package;             // Flatpak app ID ("com.google.Chrome") or snap name
    std::filesystem::path found_at;  // the launcher that shows it is installed
    bool used = false;               // its per-user data dir exists: it has run for this user
    // Flatpak only: where it reads per-user manifests (empty without a home
    // directory), and whether our manifest is there.
    std::filesystem::path manifest_dir;
    bool has_our_manifest = false;
};

// "Google Chrome", "Chromium", "Microsoft Edge", "Brave": how agents know them.
std::string product_name(platform::Browser browser);

// Pure. One result, "sandboxed browsers": skip on systems other than Linux,
// ok when `found` is empty, else warn with one detail line per install and
// the fix.
CheckResult evaluate_sandboxed_browsers(const std::vector<SandboxedBrowser>& found,
                                        platform::System system);

}  // namespace ccp_relogin::doctor
