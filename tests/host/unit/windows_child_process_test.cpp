// platform/child_process.h on Windows, with a real child
// (support/windows_test_child.cpp, beside this test's .exe): arguments come
// back as they were sent, the deadline and the size cap kill it, its exit
// code comes back, a detached child runs and is seen ended, and no handle of
// ours reaches it except the three it is given.
#include <gtest/gtest.h>
#include <windows.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "platform/child_process.h"
#include "platform/paths.h"
#include "platform/windows_handle.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;

std::filesystem::path test_child() { return helper_program("windows_test_child"); }

std::vector<std::string> split_at_nuls(const std::string& text) {
    std::vector<std::string> parts;
    for (std::size_t at = 0, end; (end = text.find('\0', at)) != std::string::npos; at = end + 1)
        parts.push_back(text.substr(at, end - at));
    return parts;
}

std::vector<std::string> with_step(const char* step, std::vector<std::string> args) {
    args.insert(args.begin(), step);
    return args;
}

// Everything quote_windows_argument must get right, ASCII only: the C
// runtime's argv of a narrow main() is in the ANSI code page.
const std::vector<std::string> kAwkwardAscii = {"plain",
                                                "",
                                                "two words",
                                                "tab\there",
                                                "a\"quote",
                                                "\"",
                                                "\\",
                                                "trailing\\",
                                                "C:\\Program Files\\x\\",
                                                "back\\\\\"slash",
                                                "\\\"",
                                                "end\\\\",
                                                "https://a/?x=1&y=\"2\" z"};

TEST(WindowsChildProcess, HelperProgramIsBesideUsWithExe) {
    EXPECT_EQ(helper_file_name("ccp-relogin-network", System::kWindows), "ccp-relogin-network.exe");
    EXPECT_EQ(test_child().parent_path(), current_executable().parent_path());
    EXPECT_TRUE(std::filesystem::is_regular_file(test_child())) << test_child();
}

TEST(WindowsChildProcess, ArgumentsReachTheChildAsTheyWere) {
    const auto crt = run_and_capture(test_child(), with_step("argv", kAwkwardAscii), 65536, 20s);
    EXPECT_EQ(crt.exit_code, 0);
    EXPECT_EQ(split_at_nuls(crt.out), kAwkwardAscii) << "the C runtime's argv";

    std::vector<std::string> all = kAwkwardAscii;
    all.insert(all.end(), {"ü and 日本", "€\\\"", ""});
    const auto wide = run_and_capture(test_child(), with_step("wargv", all), 65536, 20s);
    EXPECT_EQ(split_at_nuls(wide.out), all) << "CommandLineToArgvW in the child";
}

TEST(WindowsChildProcess, ReturnsOutputAndExitCode) {
    const auto run = run_and_capture(test_child(), {"write", "5", "exit", "3"}, 1024, 20s);
    EXPECT_EQ(run.out, "xxxxx");
    EXPECT_EQ(run.exit_code, 3);
    EXPECT_FALSE(run.timed_out);
    EXPECT_FALSE(run.too_large);
    EXPECT_EQ(run_and_capture(test_child(), {}, 1024, 20s).exit_code, 0);
}

TEST(WindowsChildProcess, StdinIsEmpty) {
    EXPECT_EQ(run_and_capture(test_child(), {"stdin"}, 1024, 20s).out, "0");
}

TEST(WindowsChildProcess, KillsAChildPastTheDeadline) {
    TempDir dir;
    const auto late = dir / "late";
    const auto started = std::chrono::steady_clock::now();
    const auto run = run_and_capture(
        test_child(), {"write", "7", "sleep", "2000", "touch", late.string()}, 1024, 500ms);
    EXPECT_TRUE(run.timed_out);
    EXPECT_EQ(run.exit_code, -1);
    EXPECT_EQ(run.out, "xxxxxxx");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1900ms);
    std::this_thread::sleep_for(3s);
    EXPECT_FALSE(std::filesystem::exists(late)) << "it was killed, not left running";
}

TEST(WindowsChildProcess, KillsAChildThatPrintsTooMuch) {
    const auto started = std::chrono::steady_clock::now();
    const auto run =
        run_and_capture(test_child(), {"write", "100000", "sleep", "30000"}, 4096, 20s);
    EXPECT_TRUE(run.too_large);
    EXPECT_FALSE(run.timed_out);
    EXPECT_EQ(run.exit_code, -1);
    EXPECT_LE(run.out.size(), 4096u);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
}

TEST(WindowsChildProcess, AMissingProgramIsAnError) {
    TempDir dir;
    EXPECT_THROW(run_and_capture(dir / "missing.exe", {}, 1024, 1s), std::system_error);
    EXPECT_THROW(DetachedChild(dir / "missing.exe", {}), std::system_error);
}

// An inheritable handle of ours, as the browser's pipes are in host mode:
// the child must not get it (PROC_THREAD_ATTRIBUTE_HANDLE_LIST).
TEST(WindowsChildProcess, AnInheritableHandleOfOursDoesNotReachTheChild) {
    SECURITY_ATTRIBUTES inheritable{sizeof inheritable, nullptr, TRUE};
    HANDLE read_end = nullptr;
    HANDLE write_end = nullptr;
    ASSERT_TRUE(::CreatePipe(&read_end, &write_end, &inheritable, 0));
    const UniqueHandle reader(read_end);
    const UniqueHandle writer(write_end);
    const auto value = std::to_string(reinterpret_cast<std::uintptr_t>(write_end));
    // The child may well have a handle of its own of that value: only what
    // reaches our pipe tells.
    const auto run = run_and_capture(test_child(), {"leak", value}, 1024, 20s);
    DetachedChild detached(test_child(), {"leak", value});
    for (int i = 0; i < 1000 && detached.running(); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(detached.running());
    DWORD available = 0;
    ASSERT_TRUE(::PeekNamedPipe(reader.get(), nullptr, 0, nullptr, &available, nullptr));
    EXPECT_EQ(available, 0u) << "a child wrote to our pipe (handle " << value << ": " << run.out
                             << " in the child)";
}

TEST(WindowsDetachedChild, RunsAndIsSeenEnded) {
    TempDir dir;
    const auto started = dir / "started";
    DetachedChild child(test_child(), {"touch", started.string(), "sleep", "1500"});
    for (int i = 0; i < 1000 && !std::filesystem::exists(started); ++i)
        std::this_thread::sleep_for(10ms);
    ASSERT_TRUE(std::filesystem::exists(started));
    EXPECT_TRUE(child.running()) << "still sleeping";
    for (int i = 0; i < 1000 && child.running(); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(child.running());
}

}  // namespace
}  // namespace ccp_relogin::platform
