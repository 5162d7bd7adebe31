// platform/child_process.h against /bin/sh scripts: what the child prints
// comes back, a slow or chatty child is cut off, a missing one is an error,
// and lines written to a child's stdin arrive whole.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "platform/child_process.h"
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

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
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

TEST(InputChild, LinesArriveWholeAndInOrder) {
    TempDir dir;
    const auto out = dir / "got";
    {
        InputChild child(script(dir, "p", "cat > \"$1\""), {out.string()});
        for (int i = 0; i < 100; ++i)
            ASSERT_TRUE(child.write_without_waiting("line " + std::to_string(i) + "\n"));
    }
    // The child ends by itself once its input is closed.
    std::string text;
    for (int i = 0; i < 100 && text.size() < 790; ++i, std::this_thread::sleep_for(20ms))
        text = read_file(out);
    std::string expected;
    for (int i = 0; i < 100; ++i) expected += "line " + std::to_string(i) + "\n";
    EXPECT_EQ(text, expected);
}

TEST(InputChild, AChildThatIsGoneTakesNothing) {
    TempDir dir;
    InputChild child(script(dir, "p", "exit 0"), {});
    bool accepted = true;
    // Writes succeed until the pipe reports the reader gone.
    for (int i = 0; i < 100 && accepted; ++i, std::this_thread::sleep_for(10ms))
        accepted = child.write_without_waiting("x\n");
    EXPECT_FALSE(accepted);
    EXPECT_FALSE(child.alive());
}

TEST(InputChild, AFullPipeTakesNothingAndDoesNotWait) {
    TempDir dir;
    InputChild child(script(dir, "p", "exec sleep 1"), {});
    const std::string line(1000, 'x');
    int accepted = 0;
    while (child.write_without_waiting(line + "\n") && accepted < 1000) ++accepted;
    EXPECT_LT(accepted, 1000);  // a pipe holds 64 KiB
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace ccp_relogin::platform
