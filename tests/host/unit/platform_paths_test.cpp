// Where state lives on each system, from the environment values alone.
#include <gtest/gtest.h>

#include "platform/paths.h"

namespace ccp_relogin::platform {
namespace {

TEST(PlatformPaths, OverrideWinsEverywhere) {
    StateDirEnv env{"/srv/relogin", "/xdg/state", "/home/a", "C:\\Local"};
    EXPECT_EQ(state_dir_for(env, System::kLinux), "/srv/relogin");
    EXPECT_EQ(state_dir_for(env, System::kMacOS), "/srv/relogin");
    env.stateDirOverride = "D:\\relogin";
    EXPECT_EQ(state_dir_for(env, System::kWindows), "D:\\relogin");
}

TEST(PlatformPaths, RelativeOverrideIsRefused) {
    StateDirEnv env{"state", std::nullopt, "/home/a", std::nullopt};
    EXPECT_THROW(state_dir_for(env, System::kLinux), std::runtime_error);
}

TEST(PlatformPaths, EmptyOverrideIsIgnored) {
    StateDirEnv env{"", std::nullopt, "/home/a", std::nullopt};
    EXPECT_EQ(state_dir_for(env, System::kLinux), "/home/a/.local/state/ccp-relogin");
}

TEST(PlatformPaths, LinuxUsesXdgStateHomeThenHome) {
    StateDirEnv env{std::nullopt, "/xdg/state", "/home/a", std::nullopt};
    EXPECT_EQ(state_dir_for(env, System::kLinux), "/xdg/state/ccp-relogin");
    env.xdgStateHome = "relative/state";  // invalid per the XDG spec: ignored
    EXPECT_EQ(state_dir_for(env, System::kLinux), "/home/a/.local/state/ccp-relogin");
    env.xdgStateHome.reset();
    EXPECT_EQ(state_dir_for(env, System::kLinux), "/home/a/.local/state/ccp-relogin");
}

TEST(PlatformPaths, MacOSUsesApplicationSupport) {
    StateDirEnv env{std::nullopt, "/xdg/state", "/Users/a", std::nullopt};
    EXPECT_EQ(state_dir_for(env, System::kMacOS),
              "/Users/a/Library/Application Support/ccp-relogin");
}

TEST(PlatformPaths, WindowsUsesLocalAppData) {
    StateDirEnv env{std::nullopt, std::nullopt, std::nullopt, "C:\\Users\\a\\AppData\\Local"};
    EXPECT_EQ(state_dir_for(env, System::kWindows).string(),
              "C:\\Users\\a\\AppData\\Local\\ccp-relogin");
}

TEST(PlatformPaths, NothingSetIsAClearError) {
    StateDirEnv env;
    for (auto system : {System::kLinux, System::kMacOS, System::kWindows}) {
        try {
            state_dir_for(env, system);
            ADD_FAILURE() << "no error for " << to_string(system);
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find("CCP_RELOGIN_STATE_DIR"), std::string::npos);
        }
    }
}

TEST(PlatformPaths, CurrentExecutableIsThisTestBinary) {
    const auto exe = current_executable();
    EXPECT_TRUE(exe.is_absolute());
    EXPECT_TRUE(std::filesystem::is_regular_file(exe));
#ifdef _WIN32
    EXPECT_EQ(exe.filename(), "host_unit_tests.exe");
#else
    EXPECT_TRUE(std::filesystem::equivalent(exe, "/proc/self/exe"));  // the same file
#endif
}

}  // namespace
}  // namespace ccp_relogin::platform
