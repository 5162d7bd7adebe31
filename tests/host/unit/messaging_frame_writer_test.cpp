#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "messaging/byte_source.h"
#include "messaging/frame_limits.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "test_pipe.h"

namespace ccp_relogin::messaging {
namespace {

using nlohmann::json;
using test::TestPipe;

std::uint32_t prefix_of(const std::string& frame) {
    std::uint32_t length = 0;
    std::memcpy(&length, frame.data(), sizeof length);
    return length;
}

json body_of(const std::string& frame) {
    EXPECT_EQ(prefix_of(frame), frame.size() - kLengthPrefixBytes);
    return json::parse(frame.substr(kLengthPrefixBytes));
}

// {"s":"<n bytes>"} serializes to exactly n + 8 bytes.
json message_of_size(std::size_t serialized_size) {
    return json{{"s", std::string(serialized_size - 8, 'a')}};
}

TEST(MessagingFrameWriter, EncodesNativeLengthAndCompactJson) {
    const std::string frame = encode_frame(json{{"type", "wait"}, {"retryAfterMs", 500}});
    EXPECT_EQ(prefix_of(frame), frame.size() - 4);
    EXPECT_EQ(frame.substr(4), R"({"retryAfterMs":500,"type":"wait"})");
}

TEST(MessagingFrameWriter, KeepsUtf8AsIs) {
    const std::string frame = encode_frame(json{{"m", "Sitzung abgelaufen \xC3\xA4"}});
    EXPECT_EQ(frame.substr(4), "{\"m\":\"Sitzung abgelaufen \xC3\xA4\"}");
}

TEST(MessagingFrameWriter, ReplyOfExactlyTheLimitIsSent) {
    const json message = message_of_size(kMaxFrameBytes);
    const std::string frame = encode_frame(message);
    EXPECT_EQ(prefix_of(frame), kMaxFrameBytes);
    EXPECT_EQ(body_of(frame), message);
}

TEST(MessagingFrameWriter, ReplyOverTheLimitBecomesReplyTooLargeKeepingRe) {
    json message = message_of_size(kMaxFrameBytes + 1);
    message["re"] = 42;
    const json sent = body_of(encode_frame(message));
    EXPECT_EQ(sent["type"], "error");
    EXPECT_EQ(sent["code"], "reply-too-large");
    EXPECT_EQ(sent["re"], 42);
    EXPECT_NE(sent["message"].get<std::string>().find("1 MiB"), std::string::npos);
}

TEST(MessagingFrameWriter, ReplyTooLargeWithoutIdHasNoRe) {
    const json sent = body_of(encode_frame(message_of_size(2 * kMaxFrameBytes)));
    EXPECT_EQ(sent["code"], "reply-too-large");
    EXPECT_FALSE(sent.contains("re"));
}

TEST(MessagingFrameWriter, InvalidUtf8IsReplacedNotThrown) {
    const std::string frame = encode_frame(json{{"m", std::string("bad \xFF byte")}});
    EXPECT_NO_THROW(body_of(frame));
}

// A frame bigger than the pipe buffer needs several partial writes; the
// reader on the other end must get it whole.
TEST(MessagingFrameWriter, WritesLargeFrameThroughPipeCompletely) {
    TestPipe pipe;
    const json message = message_of_size(900 * 1024);
    ReadResult received;
    std::thread reader([&] {
        FdByteSource source(pipe.read_end());
        received = FrameReader(source).read();
    });
    EXPECT_EQ(FrameWriter(pipe.write_end()).write(message), WriteStatus::kWritten);
    reader.join();
    ASSERT_TRUE(std::holds_alternative<Frame>(received));
    EXPECT_EQ(json::parse(std::get<Frame>(received).bytes), message);
}

TEST(MessagingFrameWriter, ClosedReadEndMeansBrowserGone) {
#ifndef _WIN32  // Windows has no SIGPIPE: the write fails with EPIPE
    auto* previous = ::signal(SIGPIPE, SIG_IGN);
#endif
    TestPipe pipe;
    pipe.close_read();
    EXPECT_EQ(FrameWriter(pipe.write_end()).write(json{{"type", "status"}}),
              WriteStatus::kBrowserGone);
#ifndef _WIN32
    ::signal(SIGPIPE, previous);
#endif
}

TEST(MessagingFrameWriter, OtherWriteErrorsThrow) {
    EXPECT_THROW(FrameWriter(-1).write(json{{"type", "status"}}), std::system_error);
}

}  // namespace
}  // namespace ccp_relogin::messaging
