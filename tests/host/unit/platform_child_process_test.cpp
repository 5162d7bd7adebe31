// platform/child_process.h against /bin/sh scripts: what the child prints
// comes back, a slow or chatty child is cut off, a missing one is an error,
// and a detached child leads a session of its own.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <system_error>
#include <thread>

#include "platform/child_process.h"
#include "platform/paths.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;

std::filesystem::path script(const TempDir& dir, const std::string& name, const std::string& body) {
    const auto path = dir.write(name, "#!/bin/sh\n" + body + "\n");
    ::chmod(path.c_str(), 0700);
    return path;
}

TEST(ChildProcessCapture, ReturnsOutputAndExitCode) {
    TempDir dir;
    const auto run =
        run_and_capture(script(dir, "p", "echo \"$1 $2\"; exit 3"), {"a", "b c"}, 1024, 5s);
    EXPECT_EQ(run.out, "a b c\n");
    EXPECT_EQ(run.exit_code, 3);
    EXPECT_FALSE(run.timed_out);
    EXPECT_FALSE(run.too_large);
}

TEST(ChildProcessCapture, KillsAChildPastTheDeadline) {
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    const auto run =
        run_and_capture(script(dir, "p", "echo partial; exec sleep 30"), {}, 1024, 300ms);
    EXPECT_TRUE(run.timed_out);
    EXPECT_EQ(run.exit_code, -1);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

TEST(ChildProcessCapture, KillsAChildThatPrintsTooMuch) {
    TempDir dir;
    const auto run = run_and_capture(script(dir, "p", "exec yes"), {}, 4096, 10s);
    EXPECT_TRUE(run.too_large);
    EXPECT_LE(run.out.size(), 4096u);
}

TEST(ChildProcessCapture, AMissingProgramIsAnError) {
    TempDir dir;
    EXPECT_THROW(run_and_capture(dir / "missing", {}, 1024, 1s), std::system_error);
}

// The child must not inherit our descriptors (the browser's pipes in host
// mode): it sees 0, 1 and 2 only.
TEST(ChildProcessCapture, TheChildGetsNoOtherDescriptor) {
    TempDir dir;
    const auto run = run_and_capture(script(dir, "p", "ls /proc/self/fd | sort -n | tr '\\n' ' '"),
                                     {}, 1024, 5s);
    // ls itself opens one descriptor for the directory it lists.
    EXPECT_TRUE(run.out == "0 1 2 3 " || run.out == "0 1 2 ") << run.out;
}

TEST(DetachedChild, RunsInASessionOfItsOwnAndIsCollectedOnceEnded) {
    TempDir dir;
    const auto out = dir / "sid";
    // ps is not everywhere: the child compares its session ID with its pid
    // from /proc (field 6 of stat is the session).
    DetachedChild child(
        script(dir, "p", "read -r _ _ _ _ _ sid _ < /proc/$$/stat; echo \"$$ $sid\" > \"$1\""),
        {out.string()});
    for (int i = 0; i < 200 && child.running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(child.running()) << "ended and collected";
    std::ifstream in(out);
    long pid = 0, session = 0;
    in >> pid >> session;
    EXPECT_GT(pid, 0);
    EXPECT_EQ(pid, session) << "it leads a session of its own";
}

TEST(HelperProgram, IsBesideUsWithExeOnWindowsOnly) {
    EXPECT_EQ(helper_file_name("ccp-relogin-network", System::kLinux), "ccp-relogin-network");
    EXPECT_EQ(helper_file_name("ccp-relogin-network", System::kMacOS), "ccp-relogin-network");
    EXPECT_EQ(helper_file_name("ccp-relogin-network", System::kWindows), "ccp-relogin-network.exe");
    EXPECT_EQ(helper_program("x").parent_path(), current_executable().parent_path());
}

TEST(DetachedChild, AMissingProgramIsAnError) {
    TempDir dir;
    EXPECT_THROW(DetachedChild(dir / "missing", {}), std::system_error);
}

}  // namespace
}  // namespace ccp_relogin::platform
