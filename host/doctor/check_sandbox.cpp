#include "doctor/check_sandbox.h"

namespace ccp_relogin::doctor {
namespace {

constexpr const char* kCheckName = "sandboxed browsers";
constexpr const char* kFix =
    "install the browser's Debian/RPM package from its vendor and have agents use that one "
    "instead of the Flatpak/Snap";

std::string kind(Sandbox sandbox) { return sandbox == Sandbox::kFlatpak ? "Flatpak" : "Snap"; }

// "Chromium is installed as a Snap" / "Google Chrome (Flatpak), Chromium (Snap)"
std::string one_install(const SandboxedBrowser& found) {
    return product_name(found.browser) + " is installed as a " + kind(found.sandbox);
}

std::string list_installs(const std::vector<SandboxedBrowser>& found) {
    std::string list;
    for (const auto& f : found) {
        if (!list.empty()) list += ", ";
        list += product_name(f.browser) + " (" + kind(f.sandbox) + ")";
    }
    return list;
}

std::string summary(const std::vector<SandboxedBrowser>& found) {
    if (found.size() == 1) return one_install(found.front()) + ": it cannot start ccp-relogin";
    return std::to_string(found.size()) +
           " browsers are installed as a Flatpak or Snap and cannot start ccp-relogin: " +
           list_installs(found);
}

// What a helpdesk needs to see for one install: where it is, what it reads,
// why it can't work.
std::string detail(const SandboxedBrowser& found) {
    std::string line = product_name(found.browser) + " (" + kind(found.sandbox) + " " +
                       found.package + ", " + found.found_at.string() + "): ";
    if (found.sandbox == Sandbox::kSnap) {
        line +=
            "its confinement stops it from running programs outside the snap, whatever "
            "the manifest says";
    } else {
        if (!found.manifest_dir.empty())
            line += "reads manifests only in " + found.manifest_dir.string() + "/ and ";
        line +=
            "runs their programs inside its sandbox; ccp-relogin outside it needs a wrapper "
            "calling flatpak-spawn --host";
        if (found.has_our_manifest)
            line += "; a manifest of ours is there: it works only if its path is such a wrapper";
    }
    if (!found.used) line += " (not started by this user yet)";
    return line;
}

}  // namespace

std::string product_name(platform::Browser browser) {
    switch (browser) {
        case platform::Browser::kChrome:
            return "Google Chrome";
        case platform::Browser::kChromium:
            return "Chromium";
        case platform::Browser::kEdge:
            return "Microsoft Edge";
        case platform::Browser::kBrave:
            return "Brave";
    }
    return std::string(platform::to_string(browser));
}

CheckResult evaluate_sandboxed_browsers(const std::vector<SandboxedBrowser>& found,
                                        platform::System system) {
    if (system != platform::System::kLinux)
        return {kCheckName, Status::kSkip, "Flatpak and Snap browsers exist only on Linux", "", {}};
    if (found.empty())
        return {kCheckName, Status::kOk, "no browser is installed as a Flatpak or Snap", "", {}};
    CheckResult result{kCheckName, Status::kWarn, summary(found), kFix, {}};
    for (const auto& f : found) result.details.push_back(detail(f));
    return result;
}

}  // namespace ccp_relogin::doctor
