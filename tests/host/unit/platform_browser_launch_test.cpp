// Which program `relogin --launch` starts (platform/browser_launch.h), with
// PATH and the executable check handed in.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "platform/browser_launch.h"

namespace ccp_relogin::platform {
namespace {

namespace fs = std::filesystem;

IsExecutable installed(std::set<std::string> paths) {
    return [paths = std::move(paths)](const fs::path& p) { return paths.contains(p.string()); };
}

TEST(BrowserLaunch, ABareNameIsLookedUpOnPathInOrder) {
    const auto exe = installed({"/usr/bin/chromium", "/opt/bin/chromium"});
    EXPECT_EQ(find_command("chromium", "/opt/bin:/usr/bin", exe), fs::path("/opt/bin/chromium"));
    EXPECT_EQ(find_command("chromium", "/usr/local/bin:/usr/bin", exe),
              fs::path("/usr/bin/chromium"));
    EXPECT_EQ(find_command("chromium", "/usr/local/bin", exe), std::nullopt);
    EXPECT_EQ(find_command("chromium", "", exe), std::nullopt);
}

TEST(BrowserLaunch, RelativePathEntriesAndRelativeCommandsAreNeverUsed) {
    const auto exe = installed({"bin/chromium", "/usr/bin/chromium", "./chromium"});
    EXPECT_EQ(find_command("chromium", "bin:.:", exe), std::nullopt);
    EXPECT_EQ(find_command("bin/chromium", "/usr", exe), std::nullopt);
    EXPECT_EQ(find_command("/usr/bin/chromium", "", exe), fs::path("/usr/bin/chromium"));
    EXPECT_EQ(find_command("/usr/bin/missing", "/usr/bin", exe), std::nullopt);
}

TEST(BrowserLaunch, WithoutAChoiceTheFirstInstalledBrowserOfTheTable) {
    const std::string path = "/usr/local/bin:/usr/bin";
    EXPECT_EQ(browser_program(std::nullopt, System::kLinux, path,
                              installed({"/usr/bin/chromium", "/usr/bin/microsoft-edge"})),
              fs::path("/usr/bin/chromium"));
    EXPECT_EQ(browser_program(std::nullopt, System::kLinux, path,
                              installed({"/usr/bin/chromium", "/usr/bin/google-chrome-stable"})),
              fs::path("/usr/bin/google-chrome-stable"));
    EXPECT_EQ(
        browser_program(std::nullopt, System::kLinux, path, installed({"/usr/bin/brave-browser"})),
        fs::path("/usr/bin/brave-browser"));
    EXPECT_EQ(browser_program(std::nullopt, System::kLinux, path, installed({})), std::nullopt);
}

TEST(BrowserLaunch, ANamedBrowserOrAnAbsoluteProgram) {
    const std::string path = "/usr/bin";
    const auto exe = installed({"/usr/bin/google-chrome", "/usr/bin/microsoft-edge-stable",
                                "/opt/test/start-chromium.sh"});
    EXPECT_EQ(browser_program("edge", System::kLinux, path, exe),
              fs::path("/usr/bin/microsoft-edge-stable"));
    EXPECT_EQ(browser_program("chromium", System::kLinux, path, exe), std::nullopt)
        << "a named browser that is not installed is not replaced by another";
    EXPECT_EQ(browser_program("/opt/test/start-chromium.sh", System::kLinux, path, exe),
              fs::path("/opt/test/start-chromium.sh"));
    EXPECT_EQ(browser_program("start-chromium.sh", System::kLinux, "/opt/test", exe), std::nullopt)
        << "only a name of the table or an absolute path";
    EXPECT_EQ(browser_program("firefox", System::kLinux, path, exe), std::nullopt);
}

TEST(BrowserLaunch, MacOSStartsTheExecutableInTheApplicationBundle) {
    EXPECT_EQ(browser_program("chrome", System::kMacOS, "/usr/bin",
                              installed({"/Applications/Google Chrome.app/Contents/MacOS/"
                                         "Google Chrome"})),
              fs::path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
}

TEST(BrowserLaunch, WindowsLooksUnderTheInstallFoldersInOrder) {
    const std::string folders = "/pf;/pf86;/local";
    EXPECT_EQ(browser_program(std::nullopt, System::kWindows, folders,
                              installed({"/local/Google\\Chrome\\Application\\chrome.exe",
                                         "/pf86/Microsoft\\Edge\\Application\\msedge.exe"})),
              fs::path("/local/Google\\Chrome\\Application\\chrome.exe"))
        << "the first browser of the table, wherever it is installed";
    EXPECT_EQ(browser_program("chrome", System::kWindows, folders,
                              installed({"/local/Google\\Chrome\\Application\\chrome.exe",
                                         "/pf/Google\\Chrome\\Application\\chrome.exe"})),
              fs::path("/pf/Google\\Chrome\\Application\\chrome.exe"))
        << "a machine-wide install first";
    EXPECT_EQ(browser_program("brave", System::kWindows, "relative;/pf",
                              installed({"relative/BraveSoftware\\Brave-Browser\\Application\\"
                                         "brave.exe"})),
              std::nullopt)
        << "relative folders are never used";
}

TEST(BrowserLaunch, TheSearchPathIsPathOrTheWindowsInstallFolders) {
    const GetEnv env = [](const char* name) -> std::optional<std::string> {
        const std::string n = name;
        if (n == "PATH") return "/usr/bin:/bin";
        if (n == "ProgramFiles") return "C:\\Program Files";
        if (n == "ProgramFiles(x86)") return "";
        if (n == "LOCALAPPDATA") return "C:\\Users\\a\\AppData\\Local";
        return std::nullopt;
    };
    EXPECT_EQ(browser_search_path(System::kLinux, env), "/usr/bin:/bin");
    EXPECT_EQ(browser_search_path(System::kWindows, env),
              "C:\\Program Files;C:\\Users\\a\\AppData\\Local")
        << "those that are set, machine-wide first";
    EXPECT_EQ(browser_search_path(System::kLinux, [](const char*) { return std::nullopt; }), "");
}

TEST(BrowserLaunch, IsExecutableFileWantsARegularExecutableFile) {
    EXPECT_TRUE(is_executable_file("/bin/sh"));
    EXPECT_FALSE(is_executable_file("/"));
    EXPECT_FALSE(is_executable_file("/etc/hostname-that-does-not-exist"));
}

}  // namespace
}  // namespace ccp_relogin::platform
