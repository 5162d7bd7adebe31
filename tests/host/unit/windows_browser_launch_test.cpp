// platform/browser_launch.h on Windows: a browser is found under an install
// folder as the table names it, with Windows paths on a real file system.
#include <gtest/gtest.h>

#include <filesystem>

#include "platform/browser_launch.h"
#include "platform/paths.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using ccp_relogin::testing::TempDir;

TEST(WindowsBrowserLaunch, AnInstalledBrowserIsFoundUnderItsFolder) {
    TempDir machine;
    TempDir user;
    const auto edge = machine.write("Microsoft/Edge/Application/msedge.exe", "");
    const std::string folders = machine.path().string() + ";" + user.path().string();
    const auto found = browser_program(std::nullopt, System::kWindows, folders, is_executable_file);
    ASSERT_TRUE(found);
    EXPECT_TRUE(std::filesystem::equivalent(*found, edge)) << *found;
    EXPECT_EQ(browser_program("chrome", System::kWindows, folders, is_executable_file),
              std::nullopt);
    const auto chrome = user.write("Google/Chrome/Application/chrome.exe", "");
    EXPECT_TRUE(std::filesystem::equivalent(
        *browser_program(std::nullopt, System::kWindows, folders, is_executable_file), chrome))
        << "Chrome comes first in the table";
}

TEST(WindowsBrowserLaunch, IsExecutableFileWantsARegularFile) {
    EXPECT_TRUE(is_executable_file(current_executable()));
    EXPECT_FALSE(is_executable_file(current_executable().parent_path()));
    EXPECT_FALSE(is_executable_file(current_executable().parent_path() / "missing.exe"));
}

}  // namespace
}  // namespace ccp_relogin::platform
