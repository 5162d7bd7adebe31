// messaging/binary_stdio.h and reserve_stdout.h on Windows: descriptor 1 in
// text mode (as a dup left it) turns \n into \r\n; after use_binary_stdio,
// and through reserve_stdout_for_frames, the bytes go out as they are.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <io.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "messaging/binary_stdio.h"
#include "messaging/frame_writer.h"
#include "messaging/reserve_stdout.h"

namespace ccp_relogin::messaging {
namespace {

// Points descriptors 1 and 2 at pipes, 1 in text mode, for one test, and puts
// the test runner's back when it ends.
class RedirectedStdio {
  public:
    RedirectedStdio() {
        std::cout.flush();
        std::fflush(stdout);
        std::fflush(stderr);
        saved_out_ = ::_dup(1);
        saved_err_ = ::_dup(2);
        // Binary pipes, so that reading back changes nothing; descriptor 1
        // is then put in text mode, as a dup may leave it.
        for (int* pipe : {out_, err_})
            if (::_pipe(pipe, 65536, _O_BINARY) != 0) throw std::runtime_error("_pipe");
        ::_dup2(out_[1], 1);
        ::_dup2(err_[1], 2);
        ::_setmode(1, _O_TEXT);
        ::_close(out_[1]);
        ::_close(err_[1]);
    }
    ~RedirectedStdio() {
        restore();
        ::_close(out_[0]);
        ::_close(err_[0]);
    }

    // Puts ours back, so that the pipes end once `also_close` is closed too,
    // and returns what reached the stdout pipe.
    std::string stdout_bytes(int also_close = -1) {
        restore();
        if (also_close >= 0) ::_close(also_close);
        std::string all;
        char buffer[4096];
        int n;
        while ((n = ::_read(out_[0], buffer, sizeof buffer)) > 0) all.append(buffer, n);
        return all;
    }

  private:
    void restore() {
        if (saved_out_ < 0) return;
        std::fflush(stdout);
        ::_dup2(saved_out_, 1);
        ::_dup2(saved_err_, 2);
        ::_close(saved_out_);
        ::_close(saved_err_);
        saved_out_ = -1;
    }
    int saved_out_ = -1;
    int saved_err_ = -1;
    int out_[2] = {-1, -1};
    int err_[2] = {-1, -1};
};

TEST(WindowsBinaryStdio, TextModeWouldChangeTheBytesBinaryModeKeepsThem) {
    RedirectedStdio stdio;
    ASSERT_EQ(::_write(1, "a\n", 2), 2);
    use_binary_stdio();
    ASSERT_EQ(::_write(1, "b\n", 2), 2);
    EXPECT_EQ(stdio.stdout_bytes(), "a\r\nb\n") << "text mode first, then binary";
}

TEST(WindowsBinaryStdio, FramesThroughReservedStdoutAreBinary) {
    RedirectedStdio stdio;
    ::_setmode(0, _O_TEXT);  // as the C runtime opens it
    const BrowserPort port = reserve_stdout_for_frames();
    std::printf("stray\n");
    // 10 bytes of JSON: the length prefix starts with 0x0A, a \n.
    ASSERT_EQ(FrameWriter(port.output).write({{"a", "12"}}), WriteStatus::kWritten);
    EXPECT_EQ(::_setmode(port.input, _O_BINARY), _O_BINARY) << "stdin is binary now";
    EXPECT_EQ(stdio.stdout_bytes(port.output), std::string("\x0a\0\0\0{\"a\":\"12\"}", 14))
        << "only the frame, byte for byte";
}

}  // namespace
}  // namespace ccp_relogin::messaging
