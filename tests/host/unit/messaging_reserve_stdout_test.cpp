#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "messaging/reserve_stdout.h"
#include "test_pipe.h"

namespace ccp_relogin::messaging {
namespace {

using test::TestPipe;

std::string read_everything(int fd) {
    std::string all;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) all.append(buffer, static_cast<size_t>(n));
    return all;
}

// In a child process whose stdout is a pipe: reserve stdout, print stray text
// every way a program can, then write one frame. The pipe (what the browser
// would read) must hold exactly that frame; the stray text goes to stderr.
TEST(MessagingReserveStdout, StrayOutputGoesToStderrAndOnlyFramesReachStdout) {
    TestPipe stdout_pipe;
    TestPipe stderr_pipe;
    const pid_t child = ::fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        ::dup2(stdout_pipe.write_end(), STDOUT_FILENO);
        ::dup2(stderr_pipe.write_end(), STDERR_FILENO);
        stdout_pipe.close_read();
        stdout_pipe.close_write();
        stderr_pipe.close_read();
        stderr_pipe.close_write();
        const BrowserPort port = reserve_stdout_for_frames();
        std::printf("stray printf\n");
        std::fflush(stdout);
        std::cout << "stray cout" << std::endl;
        const auto status = FrameWriter(port.output).write({{"type", "welcome"}});
        ::_exit(status == WriteStatus::kWritten ? 0 : 3);
    }
    stdout_pipe.close_write();
    stderr_pipe.close_write();
    const std::string frames = read_everything(stdout_pipe.read_end());
    const std::string diagnostics = read_everything(stderr_pipe.read_end());
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);

    MemoryByteSource source(frames);
    FrameReader reader(source);
    const auto frame = reader.read();
    ASSERT_TRUE(std::holds_alternative<Frame>(frame));
    EXPECT_EQ(std::get<Frame>(frame).bytes, R"({"type":"welcome"})");
    EXPECT_TRUE(std::holds_alternative<CleanEof>(reader.read()));
    EXPECT_NE(diagnostics.find("stray printf"), std::string::npos);
    EXPECT_NE(diagnostics.find("stray cout"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::messaging
