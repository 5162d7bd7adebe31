#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "protocol/host_session.h"
#include "protocol_test_support.h"
#include "test_pipe.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;
using test::chrome_frame;
using test::DispatcherRig;
using test::length_prefix;
using test::TempDir;
using test::TestPipe;

class ProtocolHostSession : public ::testing::Test {
  protected:
    // Runs a session over `input` (all of it, then EOF); returns the exit
    // code, and the replies and diagnostics through the members.
    int run(const std::string& input) {
        messaging::MemoryByteSource source(input);
        messaging::FrameReader reader(source);
        TestPipe output;
        messaging::FrameWriter writer(output.write_end());
        const int code = run_host_session(reader, writer, rig_.dispatcher(), diagnostics_);
        output.close_write();
        messaging::FdByteSource replies_source(output.read_end());
        messaging::FrameReader replies_reader(replies_source);
        for (;;) {
            auto r = replies_reader.read();
            if (!std::holds_alternative<messaging::Frame>(r)) break;
            replies_.push_back(json::parse(std::get<messaging::Frame>(r).bytes));
        }
        return code;
    }

    TempDir temp_;
    DispatcherRig rig_{temp_.path()};
    std::ostringstream diagnostics_;
    std::vector<json> replies_;
};

TEST(ProtocolAnswerFrame, EachBadInputGetsItsErrorCode) {
    TempDir temp;
    DispatcherRig rig(temp.path());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{not json", "bad-json"},
        {"", "bad-json"},
        {"[1,2]", "not-object"},
        {std::string(33, '[') + std::string(33, ']'), "too-deep"},
        {R"({"type":"reboot"})", "unknown-type"},
        {R"({"type":"landed","url":"https://x/"})", "missing-field"},
        {R"({"type":"hello","v":2,"browser":"b","extensionVersion":"1","policy":null})", "version"},
    };
    for (const auto& [body, code] : cases) {
        const json reply = answer_frame(body, rig.dispatcher());
        EXPECT_EQ(reply["type"], "error") << body;
        EXPECT_EQ(reply["code"], code) << body;
        EXPECT_TRUE(reply["message"].is_string()) << body;
    }
}

TEST(ProtocolAnswerFrame, ValidRequestIsDispatchedAndCarriesRe) {
    TempDir temp;
    DispatcherRig rig(temp.path());
    const json reply = answer_frame(R"({"type":"status","id":"q"})", rig.dispatcher());
    EXPECT_EQ(reply["type"], "status");
    EXPECT_EQ(reply["re"], "q");
}

TEST(ProtocolAnswerFrame, ErrorForAnInvalidFieldKeepsTheRequestId) {
    TempDir temp;
    DispatcherRig rig(temp.path());
    const json reply = answer_frame(R"({"type":"landed","id":4})", rig.dispatcher());
    EXPECT_EQ(reply["code"], "missing-field");
    EXPECT_EQ(reply["re"], 4);
}

TEST_F(ProtocolHostSession, AnswersEveryFrameInOrderThenEndsCleanly) {
    const std::string input = chrome_frame(R"({"type":"status","id":1})") +
                              chrome_frame("garbage") + chrome_frame(R"({"type":"status","id":3})");
    EXPECT_EQ(run(input), 0);
    ASSERT_EQ(replies_.size(), 3u);
    EXPECT_EQ(replies_[0]["re"], 1);
    EXPECT_EQ(replies_[1]["code"], "bad-json");
    EXPECT_EQ(replies_[2]["re"], 3);
    EXPECT_EQ(diagnostics_.str(), "");
}

TEST_F(ProtocolHostSession, TruncatedFrameEndsQuietlyWithOneLine) {
    EXPECT_EQ(run(chrome_frame(R"({"type":"status"})") + length_prefix(50) + "{\"ty"), 0);
    EXPECT_EQ(replies_.size(), 1u);
    const std::string diagnostics = diagnostics_.str();
    EXPECT_NE(diagnostics.find("middle of a message"), std::string::npos);
    EXPECT_EQ(std::count(diagnostics.begin(), diagnostics.end(), '\n'), 1);
}

TEST_F(ProtocolHostSession, TooLargeFrameIsRefusedAndEndsTheSession) {
    const std::string input =
        length_prefix(2 * 1024 * 1024) + "{" + chrome_frame(R"({"type":"status"})");
    EXPECT_EQ(run(input), 1);
    ASSERT_EQ(replies_.size(), 1u) << "nothing after the oversized frame is read";
    EXPECT_EQ(replies_[0]["code"], "too-large");
}

TEST(ProtocolHostSessionPort, BrowserGoneWhileReplyingEndsWithZero) {
    ::signal(SIGPIPE, SIG_IGN);
    TempDir temp;
    DispatcherRig rig(temp.path());
    const std::string input = chrome_frame(R"({"type":"status"})");
    messaging::MemoryByteSource source(input);
    messaging::FrameReader reader(source);
    TestPipe output;
    output.close_read();
    messaging::FrameWriter writer(output.write_end());
    std::ostringstream diagnostics;
    EXPECT_EQ(run_host_session(reader, writer, rig.dispatcher(), diagnostics), 0);
}

TEST(ProtocolHostSessionPort, ReadErrorEndsWithOne) {
    TempDir temp;
    DispatcherRig rig(temp.path());
    messaging::FdByteSource source(-1);
    messaging::FrameReader reader(source);
    TestPipe output;
    messaging::FrameWriter writer(output.write_end());
    std::ostringstream diagnostics;
    EXPECT_EQ(run_host_session(reader, writer, rig.dispatcher(), diagnostics), 1);
    EXPECT_NE(diagnostics.str().find("reading from the browser"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::protocol
