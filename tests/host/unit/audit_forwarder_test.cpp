// The forwarder on its thread with a fake sender: what is recorded through
// the AuditTrail reaches the sender redacted exactly like the local log, the
// recording thread never waits for the network, and stopping with events
// still pending ends within the deadline. No sleeps: the tests wait on
// condition variables with deadlines.
#include "audit/audit_forwarder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "audit/audit_trail.h"
#include "audit_forward_test_support.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr const char* kUrl = "https://siem.example.com/ingest";

std::vector<json> log_lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<json> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
}

struct StatusLines {
    std::mutex mutex;
    std::vector<std::string> lines;
    StatusSink sink() {
        return [this](const std::string& line) {
            const std::lock_guard lock(mutex);
            lines.push_back(line);
        };
    }
};

TEST(AuditForwarder, SendsWhatTheTrailRecordsRedactedLikeTheLocalLog) {
    testing::TempDir scratch;
    test::FakeSender sender;
    StatusLines status;
    AuditForwarder forwarder(
        sender, base::system_clock(), [] { return 0.0; }, "9.9.9", status.sink());
    forwarder.set_destination(kUrl);
    AuditTrail trail(scratch.path(), base::system_clock(), &forwarder);

    trail.record({{"event", "expired"},
                  {"SAMLResponse", "PHNhbWxwOlJlc3BvbnNl"},
                  {"accessToken", "abc"},
                  {"evidence", "PHNhbWxwOlJlc3BvbnNlIHhtbG5z"},
                  {"tabUrl",
                   "https://us-east-1.console.aws.amazon.com/connect/federate/"
                   "178c75e4?destination=%2Fccp-v2&state=s3cret#frag"},
                  {"user", {{"os", "agent1"}, {"password", "hunter2"}}}});
    ASSERT_TRUE(sender.wait_for_requests(1));

    const auto request = sender.requests().at(0);
    EXPECT_EQ(request.url, kUrl);
    ASSERT_TRUE(request.body.is_array());
    ASSERT_EQ(request.body.size(), 1u);
    json sent = request.body[0];
    EXPECT_EQ(sent["hostVersion"], "9.9.9");
    sent.erase("hostVersion");
    const auto local = log_lines(trail.file());
    ASSERT_EQ(local.size(), 1u);
    EXPECT_EQ(sent, local[0]);  // exactly the local line, no more, no less
    const std::string text = request.body.dump();
    for (const char* secret : {"PHNhbW", "abc", "s3cret", "hunter2", "frag"})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
    EXPECT_EQ(sent["tabUrl"],
              "https://us-east-1.console.aws.amazon.com/connect/federate/"
              "178c75e4?destination=%2Fccp-v2&state=redacted");
}

TEST(AuditForwarder, RecordingNeverWaitsForAStuckCollector) {
    testing::TempDir scratch;
    test::FakeSender sender;
    sender.hold_every_request();  // the first request never comes back
    StatusLines status;
    AuditForwarder forwarder(
        sender, base::system_clock(), [] { return 0.0; }, "9.9.9", status.sink(),
        ForwarderOptions{.capacity = 10, .stopDeadline = milliseconds(100)});
    forwarder.set_destination(kUrl);
    AuditTrail trail(scratch.path(), base::system_clock(), &forwarder);

    trail.record({{"event", "first"}});
    ASSERT_TRUE(sender.wait_for_requests(1));
    // The request is in flight and stuck; recording goes on and only fills
    // the bounded queue.
    for (int n = 0; n < 25; ++n) trail.record({{"event", "expired"}, {"n", n}});
    EXPECT_EQ(forwarder.pending(), 10u);
    EXPECT_EQ(log_lines(trail.file()).size(), 26u);  // the local log has everything

    const auto started = steady_clock::now();
    forwarder.stop();
    EXPECT_LT(steady_clock::now() - started, std::chrono::seconds(5));
    EXPECT_EQ(sender.requests().size(), 1u);  // nothing retried while stopping
}

TEST(AuditForwarder, StopFlushesPendingEventsToAWorkingCollector) {
    test::FakeSender sender;
    StatusLines status;
    std::optional<AuditForwarder> forwarder;
    forwarder.emplace(
        sender, base::system_clock(), [] { return 0.0; }, "9.9.9", status.sink());
    // Destination unknown yet: events wait in the queue ...
    for (int n = 0; n < 120; ++n) forwarder->enqueue({{"event", "e"}, {"n", n}});
    EXPECT_EQ(forwarder->pending(), 120u);
    forwarder->set_destination(kUrl);
    forwarder->stop();  // ... and are sent before the thread ends
    std::size_t sent = 0;
    for (const auto& request : sender.requests()) sent += request.body.size();
    EXPECT_EQ(sent, 120u);
    EXPECT_EQ(forwarder->pending(), 0u);
    forwarder.reset();  // a second stop (destructor) is harmless
}

TEST(AuditForwarder, StopDoesNotWaitForARetryWhileTheCollectorFails) {
    test::FakeSender sender;
    for (int i = 0; i < 10; ++i) sender.answer(test::http_status(503));
    StatusLines status;
    AuditForwarder forwarder(
        sender, base::system_clock(), [] { return 0.0; }, "9.9.9", status.sink());
    forwarder.set_destination(kUrl);
    forwarder.enqueue({{"event", "e"}});
    ASSERT_TRUE(sender.wait_for_requests(1));
    // The next try is 1 s away; stopping must not wait for it.
    const auto started = steady_clock::now();
    forwarder.stop();
    EXPECT_LT(steady_clock::now() - started, milliseconds(900));
    EXPECT_EQ(forwarder.pending(), 1u);  // still in the local log; not sent
    const std::lock_guard lock(status.mutex);
    ASSERT_EQ(status.lines.size(), 1u);
    EXPECT_NE(status.lines[0].find("is failing (HTTP 503)"), std::string::npos);
}

TEST(AuditForwarder, ARefusedUrlNeverReachesTheSender) {
    test::FakeSender sender;
    StatusLines status;
    AuditForwarder forwarder(
        sender, base::system_clock(), [] { return 0.0; }, "9.9.9", status.sink());
    EXPECT_FALSE(forwarder.set_destination("http://siem.example.com/ingest"));
    for (int n = 0; n < 5; ++n) forwarder.enqueue({{"event", "e"}});
    forwarder.stop();
    EXPECT_TRUE(sender.requests().empty());
}

TEST(AuditTrail, WithoutAForwarderWritesTheLocalLogOnly) {
    testing::TempDir scratch;
    base::FakeClock clock(1'700'000'000'123);
    AuditTrail trail(scratch.path(), clock);
    trail.record({{"event", "origin-refused"}, {"origin", "chrome-extension://x/"}});
    const auto lines = log_lines(trail.file());
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["ts"], "2023-11-14T22:13:20.123Z");
}

}  // namespace
}  // namespace ccp_relogin::audit
