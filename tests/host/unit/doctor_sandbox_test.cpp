// doctor's sandboxed-browser check: the probe against fake Flatpak and Snap
// layouts in a temporary directory, and the judgement of what it found.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "doctor/check_sandbox.h"
#include "doctor/probe_sandbox.h"
#include "support/temp_dir.h"

namespace ccp_relogin::doctor {
namespace {

using ccp_relogin::testing::TempDir;
using platform::Browser;
namespace fs = std::filesystem;

const std::vector<Browser> kAll{std::begin(platform::kAllBrowsers),
                                std::end(platform::kAllBrowsers)};

class SandboxProbe : public ::testing::Test {
  protected:
    SandboxRoots roots() const {
        return {temp_ / "home", temp_ / "home/.local/share/flatpak", temp_ / "var/lib/flatpak",
                temp_ / "snap/bin"};
    }
    void install(const std::string& relative) { temp_.write(relative, "#!/bin/sh\n"); }
    void make_dir(const std::string& relative) { fs::create_directories(temp_ / relative); }

    TempDir temp_;
};

TEST_F(SandboxProbe, NothingInstalledFindsNothing) {
    make_dir("home/.config/google-chrome");  // a packaged Chrome's profile is not a sandbox
    EXPECT_TRUE(find_sandboxed_browsers(kAll, roots()).empty());
}

TEST_F(SandboxProbe, ASystemFlatpakChromeIsFoundWithItsSandboxedManifestDir) {
    install("var/lib/flatpak/exports/bin/com.google.Chrome");
    make_dir("home/.var/app/com.google.Chrome");
    const auto found = find_sandboxed_browsers(kAll, roots());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].browser, Browser::kChrome);
    EXPECT_EQ(found[0].sandbox, Sandbox::kFlatpak);
    EXPECT_EQ(found[0].package, "com.google.Chrome");
    EXPECT_EQ(found[0].found_at, temp_ / "var/lib/flatpak/exports/bin/com.google.Chrome");
    EXPECT_TRUE(found[0].used);
    EXPECT_EQ(found[0].manifest_dir,
              temp_ / "home/.var/app/com.google.Chrome/config/google-chrome/NativeMessagingHosts");
    EXPECT_FALSE(found[0].has_our_manifest);
}

TEST_F(SandboxProbe, AUserFlatpakIsPreferredAndOurManifestInsideIsSeen) {
    install("home/.local/share/flatpak/exports/bin/com.brave.Browser");
    install("var/lib/flatpak/exports/bin/com.brave.Browser");
    temp_.write(
        "home/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser/NativeMessagingHosts/"
        "com.ccp_relogin.host.json",
        "{}");
    const auto found = find_sandboxed_browsers(kAll, roots());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].browser, Browser::kBrave);
    EXPECT_EQ(found[0].found_at, temp_ / "home/.local/share/flatpak/exports/bin/com.brave.Browser");
    EXPECT_TRUE(found[0].has_our_manifest);
    EXPECT_TRUE(found[0].used);
}

TEST_F(SandboxProbe, EveryFlatpakAndSnapIsFoundInTableOrder) {
    for (const char* id :
         {"com.google.Chrome", "org.chromium.Chromium", "com.microsoft.Edge", "com.brave.Browser"})
        install(std::string("var/lib/flatpak/exports/bin/") + id);
    install("snap/bin/chromium");
    install("snap/bin/brave");
    make_dir("home/snap/chromium/common/chromium");
    const auto found = find_sandboxed_browsers(kAll, roots());
    std::vector<std::string> packages;
    for (const auto& f : found) packages.push_back(f.package);
    EXPECT_EQ(packages, (std::vector<std::string>{"com.google.Chrome", "org.chromium.Chromium",
                                                  "com.microsoft.Edge", "com.brave.Browser",
                                                  "chromium", "brave"}));
    EXPECT_EQ(
        found[2].manifest_dir,
        temp_ / "home/.var/app/com.microsoft.Edge/config/microsoft-edge/NativeMessagingHosts");
    EXPECT_EQ(found[4].found_at, temp_ / "snap/bin/chromium");
    EXPECT_TRUE(found[4].used);                  // ~/snap/chromium exists
    EXPECT_FALSE(found[5].used);                 // ~/snap/brave does not
    EXPECT_TRUE(found[4].manifest_dir.empty());  // no manifest location helps a Snap
}

TEST_F(SandboxProbe, OnlyTheAskedBrowsersAreReported) {
    install("var/lib/flatpak/exports/bin/com.google.Chrome");
    install("snap/bin/chromium");
    const auto found = find_sandboxed_browsers({Browser::kChromium}, roots());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].package, "chromium");
}

TEST_F(SandboxProbe, ADanglingExportStillCounts) {
    make_dir("var/lib/flatpak/exports/bin");
    fs::create_symlink("../../app/org.chromium.Chromium/current/active/export/bin/x",
                       temp_ / "var/lib/flatpak/exports/bin/org.chromium.Chromium");
    EXPECT_EQ(find_sandboxed_browsers(kAll, roots()).size(), 1u);
}

TEST_F(SandboxProbe, WithoutAHomeTheSystemInstallsAreStillFound) {
    install("var/lib/flatpak/exports/bin/com.microsoft.Edge");
    auto no_home = roots();
    no_home.home.clear();
    no_home.user_flatpak.clear();
    const auto found = find_sandboxed_browsers(kAll, no_home);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].manifest_dir.empty());
    EXPECT_FALSE(found[0].used);
}

// HOME and XDG_DATA_HOME for one test, restored after.
class ScopedHome {
  public:
    ScopedHome(const char* home, const char* data_home) {
        save("HOME");
        save("XDG_DATA_HOME");
        set("HOME", home);
        set("XDG_DATA_HOME", data_home);
    }
    ~ScopedHome() {
        for (const auto& [name, value] : saved_)
            set(name.c_str(), value ? value->c_str() : nullptr);
    }

  private:
    void save(const char* name) {
        const char* value = ::getenv(name);
        saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    static void set(const char* name, const char* value) {
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(SandboxRootsFromProcess, FollowHomeAndXdgDataHome) {
    {
        ScopedHome env("/home/agent", nullptr);
        const auto roots = sandbox_roots_from_process();
        EXPECT_EQ(roots.home, "/home/agent");
        EXPECT_EQ(roots.user_flatpak, "/home/agent/.local/share/flatpak");
        EXPECT_EQ(roots.system_flatpak, "/var/lib/flatpak");
        EXPECT_EQ(roots.snap_bin, "/snap/bin");
    }
    {
        ScopedHome env("/home/agent", "/data/agent");
        EXPECT_EQ(sandbox_roots_from_process().user_flatpak, "/data/agent/flatpak");
    }
    {
        ScopedHome env("/home/agent", "relative/ignored");
        EXPECT_EQ(sandbox_roots_from_process().user_flatpak, "/home/agent/.local/share/flatpak");
    }
    {
        ScopedHome env(nullptr, nullptr);
        const auto roots = sandbox_roots_from_process();
        EXPECT_TRUE(roots.home.empty());
        EXPECT_TRUE(roots.user_flatpak.empty());
        EXPECT_EQ(roots.system_flatpak, "/var/lib/flatpak");
    }
}

SandboxedBrowser snap_chromium() {
    SandboxedBrowser s;
    s.browser = Browser::kChromium;
    s.sandbox = Sandbox::kSnap;
    s.package = "chromium";
    s.found_at = "/snap/bin/chromium";
    s.used = true;
    return s;
}

SandboxedBrowser flatpak_chrome() {
    SandboxedBrowser f;
    f.browser = Browser::kChrome;
    f.sandbox = Sandbox::kFlatpak;
    f.package = "com.google.Chrome";
    f.found_at = "/var/lib/flatpak/exports/bin/com.google.Chrome";
    f.manifest_dir = "/home/a/.var/app/com.google.Chrome/config/google-chrome/NativeMessagingHosts";
    return f;
}

TEST(SandboxEvaluate, NoneFoundIsOk) {
    const auto r = evaluate_sandboxed_browsers({}, platform::System::kLinux);
    EXPECT_EQ(r.name, "sandboxed browsers");
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_EQ(r.summary, "no browser is installed as a Flatpak or Snap");
    EXPECT_TRUE(r.fix.empty());
}

TEST(SandboxEvaluate, OtherSystemsSkip) {
    EXPECT_EQ(evaluate_sandboxed_browsers({}, platform::System::kWindows).status, Status::kSkip);
    EXPECT_EQ(evaluate_sandboxed_browsers({snap_chromium()}, platform::System::kMacOS).status,
              Status::kSkip);
}

TEST(SandboxEvaluate, ASnapChromiumWarnsWithTheFix) {
    const auto r = evaluate_sandboxed_browsers({snap_chromium()}, platform::System::kLinux);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_EQ(r.summary, "Chromium is installed as a Snap: it cannot start ccp-relogin");
    EXPECT_NE(r.fix.find("Debian/RPM package"), std::string::npos) << r.fix;
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_EQ(r.details[0],
              "Chromium (Snap chromium, /snap/bin/chromium): its confinement stops it from "
              "running programs outside the snap, whatever the manifest says");
}

TEST(SandboxEvaluate, AFlatpakSaysWhereItReadsAndWhatItWouldNeed) {
    auto chrome = flatpak_chrome();
    const auto r = evaluate_sandboxed_browsers({chrome}, platform::System::kLinux);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_EQ(r.summary, "Google Chrome is installed as a Flatpak: it cannot start ccp-relogin");
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_EQ(r.details[0],
              "Google Chrome (Flatpak com.google.Chrome, "
              "/var/lib/flatpak/exports/bin/com.google.Chrome): reads manifests only in "
              "/home/a/.var/app/com.google.Chrome/config/google-chrome/NativeMessagingHosts/ and "
              "runs their programs inside its sandbox; ccp-relogin outside it needs a wrapper "
              "calling flatpak-spawn --host (not started by this user yet)");

    chrome.has_our_manifest = true;
    chrome.used = true;
    const auto with_manifest = evaluate_sandboxed_browsers({chrome}, platform::System::kLinux);
    EXPECT_NE(with_manifest.details[0].find(
                  "a manifest of ours is there: it works only if its path is such a wrapper"),
              std::string::npos)
        << with_manifest.details[0];
    EXPECT_EQ(with_manifest.details[0].find("not started"), std::string::npos);
}

TEST(SandboxEvaluate, SeveralAreListedInOneLine) {
    const auto r =
        evaluate_sandboxed_browsers({flatpak_chrome(), snap_chromium()}, platform::System::kLinux);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_EQ(r.summary,
              "2 browsers are installed as a Flatpak or Snap and cannot start ccp-relogin: "
              "Google Chrome (Flatpak), Chromium (Snap)");
    EXPECT_EQ(r.details.size(), 2u);
}

TEST(SandboxEvaluate, ProductNamesAreTheVendors) {
    EXPECT_EQ(product_name(Browser::kChrome), "Google Chrome");
    EXPECT_EQ(product_name(Browser::kChromium), "Chromium");
    EXPECT_EQ(product_name(Browser::kEdge), "Microsoft Edge");
    EXPECT_EQ(product_name(Browser::kBrave), "Brave");
}

}  // namespace
}  // namespace ccp_relogin::doctor
