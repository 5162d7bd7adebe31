#include <gtest/gtest.h>

#ifndef _WIN32
#include <pthread.h>
#include <signal.h>
#endif

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <utility>

#include "messaging/byte_source.h"
#include "messaging/frame_limits.h"
#include "messaging/frame_reader.h"
#include "test_pipe.h"

namespace ccp_relogin::messaging {
namespace {

using test::chrome_frame;
using test::length_prefix;
using test::TestPipe;
using namespace std::chrono_literals;

// Counts the bytes the reader pulls, to prove what it did not read.
class CountingSource final : public ByteSource {
  public:
    explicit CountingSource(std::string bytes) : bytes_(std::move(bytes)), inner_(bytes_) {}
    std::size_t read_some(std::span<char> buffer) override {
        const std::size_t n = inner_.read_some(buffer);
        consumed += n;
        return n;
    }
    std::size_t consumed = 0;

  private:
    std::string bytes_;
    MemoryByteSource inner_;
};

ReadResult read_one(const std::string& bytes) {
    MemoryByteSource source(bytes);
    FrameReader reader(source);
    return reader.read();
}

TEST(MessagingFrameReader, ReadsOneFrame) {
    const auto result = read_one(chrome_frame(R"({"type":"status"})"));
    ASSERT_TRUE(std::holds_alternative<Frame>(result));
    EXPECT_EQ(std::get<Frame>(result).bytes, R"({"type":"status"})");
}

TEST(MessagingFrameReader, ReadsFramesInOrderThenCleanEof) {
    const std::string stream = chrome_frame("first") + chrome_frame("second");
    MemoryByteSource source(stream);
    FrameReader reader(source);
    EXPECT_EQ(std::get<Frame>(reader.read()).bytes, "first");
    EXPECT_EQ(std::get<Frame>(reader.read()).bytes, "second");
    EXPECT_TRUE(std::holds_alternative<CleanEof>(reader.read()));
}

TEST(MessagingFrameReader, EmptyStreamIsCleanEof) {
    EXPECT_TRUE(std::holds_alternative<CleanEof>(read_one("")));
}

TEST(MessagingFrameReader, ZeroLengthFrameIsAnEmptyFrame) {
    const auto result = read_one(length_prefix(0));
    ASSERT_TRUE(std::holds_alternative<Frame>(result));
    EXPECT_TRUE(std::get<Frame>(result).bytes.empty());
}

TEST(MessagingFrameReader, EofInsideLengthPrefixIsTruncated) {
    EXPECT_TRUE(std::holds_alternative<TruncatedEof>(read_one(length_prefix(10).substr(0, 1))));
    EXPECT_TRUE(std::holds_alternative<TruncatedEof>(read_one(length_prefix(10).substr(0, 3))));
}

TEST(MessagingFrameReader, EofInsideBodyIsTruncated) {
    EXPECT_TRUE(std::holds_alternative<TruncatedEof>(read_one(length_prefix(10) + "12345")));
}

TEST(MessagingFrameReader, FrameOfExactlyTheLimitIsRead) {
    const std::string body(kMaxFrameBytes, 'x');
    const auto result = read_one(chrome_frame(body));
    ASSERT_TRUE(std::holds_alternative<Frame>(result));
    EXPECT_EQ(std::get<Frame>(result).bytes.size(), kMaxFrameBytes);
}

TEST(MessagingFrameReader, LengthOverTheLimitIsTooLargeAndBodyIsNotRead) {
    CountingSource source(length_prefix(kMaxFrameBytes + 1) + std::string(64, 'x'));
    FrameReader reader(source);
    const auto result = reader.read();
    ASSERT_TRUE(std::holds_alternative<TooLarge>(result));
    EXPECT_EQ(std::get<TooLarge>(result).length, kMaxFrameBytes + 1);
    EXPECT_EQ(source.consumed, kLengthPrefixBytes);
}

// A hostile length on a pipe with no body behind it: the reader must answer
// at once (a reader that allocated or waited for the body would fail or hang).
TEST(MessagingFrameReader, HugeLengthOnPipeReturnsTooLargeImmediately) {
    TestPipe pipe;
    pipe.write_all(length_prefix(0xFFFFFFF0u));  // write end stays open
    auto pending = std::async(std::launch::async, [&] {
        FdByteSource source(pipe.read_end());
        return FrameReader(source).read();
    });
    ASSERT_EQ(pending.wait_for(10s), std::future_status::ready) << "reader blocked on the body";
    const auto result = pending.get();
    ASSERT_TRUE(std::holds_alternative<TooLarge>(result));
    EXPECT_EQ(std::get<TooLarge>(result).length, 0xFFFFFFF0u);
}

// Pipes deliver what they have: a writer dribbling one byte at a time must
// still produce whole frames.
TEST(MessagingFrameReader, AssemblesFramesFromByteByByteWrites) {
    TestPipe pipe;
    const std::string stream = chrome_frame(R"({"type":"hello"})") + chrome_frame("[1,2,3]");
    std::thread writer([&] {
        for (char c : stream) pipe.write_all(std::string(1, c));
        pipe.close_write();
    });
    FdByteSource source(pipe.read_end());
    FrameReader reader(source);
    const auto first = reader.read();
    const auto second = reader.read();
    const auto third = reader.read();
    writer.join();
    EXPECT_EQ(std::get<Frame>(first).bytes, R"({"type":"hello"})");
    EXPECT_EQ(std::get<Frame>(second).bytes, "[1,2,3]");
    EXPECT_TRUE(std::holds_alternative<CleanEof>(third));
}

TEST(MessagingFrameReader, PipeClosedMidFrameIsTruncated) {
    TestPipe pipe;
    pipe.write_all(length_prefix(100) + "only part");
    pipe.close_write();
    FdByteSource source(pipe.read_end());
    EXPECT_TRUE(std::holds_alternative<TruncatedEof>(FrameReader(source).read()));
}

#ifndef _WIN32  // POSIX signals (EINTR): Windows has neither.
void ignore_signal(int) {}

// Signals interrupting a blocked read (EINTR) must not end or corrupt a frame.
// The writer signals the reader before every byte, while the reader is (most
// of the time) blocked in read().
TEST(MessagingFrameReader, SurvivesSignalsDuringReads) {
    struct sigaction action {};
    action.sa_handler = ignore_signal;
    action.sa_flags = 0;  // no SA_RESTART: interrupted reads fail with EINTR
    struct sigaction previous {};
    ASSERT_EQ(::sigaction(SIGUSR1, &action, &previous), 0);

    TestPipe pipe;
    const std::string body = R"({"type":"expired","evidence":"Session expired"})";
    const pthread_t reader_thread = ::pthread_self();
    std::thread writer([&] {
        for (char c : chrome_frame(body)) {
            ::pthread_kill(reader_thread, SIGUSR1);
            std::this_thread::yield();
            pipe.write_all(std::string(1, c));
        }
        pipe.close_write();
    });
    FdByteSource source(pipe.read_end());
    FrameReader reader(source);
    const auto frame = reader.read();
    const auto end = reader.read();
    writer.join();
    ::sigaction(SIGUSR1, &previous, nullptr);
    ASSERT_TRUE(std::holds_alternative<Frame>(frame));
    EXPECT_EQ(std::get<Frame>(frame).bytes, body);
    EXPECT_TRUE(std::holds_alternative<CleanEof>(end));
}
#endif

TEST(MessagingFrameReader, ReadErrorThrows) {
    FdByteSource source(-1);  // EBADF
    EXPECT_THROW(FrameReader(source).read(), std::system_error);
}

}  // namespace
}  // namespace ccp_relogin::messaging
