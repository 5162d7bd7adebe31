// Forwarding from the file (audit/log_cursor.h, audit/log_forwarder.h): the
// position survives rotation and restarts, and a collector that refuses,
// fails or loses an answer gets every event, duplicates only under the same id.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <map>

#include "audit/audit_log.h"
#include "audit/log_cursor.h"
#include "audit/log_forwarder.h"
#include "base/clock.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using ccp_relogin::testing::TempDir;
using nlohmann::json;

// A collector whose answers are scripted; it keeps what it accepted.
class ScriptedCollector final : public HttpSender {
  public:
    std::deque<SendOutcome::Kind> answers;  // then: delivered
    std::vector<json> stored;               // every event it took, duplicates included
    int requests = 0;

    SendOutcome post_json(const std::string&, const std::string& body, const AbortCheck&) override {
        ++requests;
        const auto kind = answers.empty() ? SendOutcome::Kind::kDelivered : answers.front();
        if (!answers.empty()) answers.pop_front();
        if (kind == SendOutcome::Kind::kDelivered || lose_answer_) {
            for (auto& event : json::parse(body)) stored.push_back(event);
            if (lose_answer_) {  // it stored the batch, and the answer never came
                lose_answer_ = false;
                return {SendOutcome::Kind::kUnreachable, 0, "timeout"};
            }
            return {SendOutcome::Kind::kDelivered, 200, "HTTP 200"};
        }
        if (kind == SendOutcome::Kind::kRefused) return {kind, 500, "HTTP 500"};
        return {kind, 0, "connection refused"};
    }
    void lose_next_answer() { lose_answer_ = true; }

  private:
    bool lose_answer_ = false;
};

class LogForwarding : public ::testing::Test {
  protected:
    void write(int from, int to, std::size_t max_bytes = AuditLog::kDefaultMaxBytes) {
        AuditLog log(dir(), clock_, max_bytes);
        for (int i = from; i < to; ++i) log.record({{"event", "expired"}, {"n", i}});
    }

    std::size_t forward(ScriptedCollector& collector, std::function<bool()> stop = {}) {
        LogForwarder forwarder(
            {.stateDir = dir(),
             .url = "https://siem.example.com/in",
             .hostVersion = "9",
             .idle = std::chrono::milliseconds(2'000)},
            collector, clock_, [this](std::chrono::milliseconds ms) { clock_.advance(ms.count()); },
            [] { return 0.5; }, [this](const std::string& l) { status_.push_back(l); });
        return forwarder.run(stop);
    }

    // The numbers the collector got, each once, and how often each id came.
    static std::map<int, int> numbers(const ScriptedCollector& c) {
        std::map<int, int> seen;
        for (const auto& e : c.stored) ++seen[e["n"].get<int>()];
        return seen;
    }

    std::filesystem::path dir() const { return temp_.path(); }

    TempDir temp_;
    base::FakeClock clock_{1'800'000'000'000};
    std::vector<std::string> status_;
};

TEST_F(LogForwarding, EveryEventArrivesThroughRefusalsAndFailures) {
    write(0, 120);
    ScriptedCollector collector;
    collector.answers = {SendOutcome::Kind::kUnreachable, SendOutcome::Kind::kRefused,
                         SendOutcome::Kind::kUnreachable};
    EXPECT_EQ(forward(collector), 120u);
    const auto seen = numbers(collector);
    ASSERT_EQ(seen.size(), 120u);
    for (const auto& [n, times] : seen) EXPECT_EQ(times, 1) << n;
    EXPECT_EQ(collector.requests, 3 + 3) << "three failures, then 50 + 50 + 20";
    ASSERT_EQ(status_.size(), 2u) << ::testing::PrintToString(status_);
    EXPECT_NE(status_[0].find("is failing"), std::string::npos);
    EXPECT_NE(status_[1].find("works again"), std::string::npos);
}

TEST_F(LogForwarding, ARestartSendsOnlyWhatWasNotTaken) {
    write(0, 80);
    ScriptedCollector first;
    forward(first, [&] { return first.requests >= 1; });  // ends after one batch
    EXPECT_EQ(first.stored.size(), 50u);
    write(80, 90);
    ScriptedCollector second;
    EXPECT_EQ(forward(second), 40u);
    const auto seen = numbers(second);
    EXPECT_EQ(seen.begin()->first, 50);
    EXPECT_EQ(seen.rbegin()->first, 89);
}

TEST_F(LogForwarding, ALostAnswerSendsTheBatchAgainUnderTheSameIds) {
    write(0, 10);
    ScriptedCollector collector;
    collector.lose_next_answer();
    forward(collector);
    ASSERT_EQ(collector.stored.size(), 20u) << "the batch twice";
    std::map<std::string, int> ids;
    for (const auto& e : collector.stored) ++ids[e["id"].get<std::string>()];
    EXPECT_EQ(ids.size(), 10u);
    for (const auto& [id, times] : ids) EXPECT_EQ(times, 2) << id;
}

TEST_F(LogForwarding, ThePositionFollowsRotation) {
    write(0, 10, 2'000);  // rotates every few lines
    ScriptedCollector first;
    forward(first);
    write(10, 40, 2'000);  // the file the position points into is now audit.jsonl.N
    ScriptedCollector second;
    forward(second);
    const auto seen = numbers(second);
    ASSERT_EQ(seen.size(), 30u);
    EXPECT_EQ(seen.begin()->first, 10);
    EXPECT_EQ(seen.rbegin()->first, 39);
}

TEST(LogCursor, WithoutAPositionReadsTheCurrentFileAndLeavesAHalfWrittenLine) {
    TempDir temp;
    base::FakeClock clock;
    AuditLog(temp.path(), clock).record({{"event", "a"}});
    { std::ofstream(temp / "audit.jsonl", std::ios::app) << R"({"event":"b)"; }
    const auto batch = read_log_after(temp.path(), std::nullopt, 50);
    ASSERT_EQ(batch.lines.size(), 1u);
    EXPECT_FALSE(batch.resumed_late);
    EXPECT_TRUE(read_log_after(temp.path(), batch.next, 50).lines.empty());
}

TEST(LogCursor, APositionRotatedAwayResumesAtTheOldestFileKept) {
    TempDir temp;
    base::FakeClock clock;
    AuditLog(temp.path(), clock).record({{"event", "a"}});
    const LogPosition gone{1, 999'999'999, 10};
    const auto batch = read_log_after(temp.path(), gone, 50);
    EXPECT_TRUE(batch.resumed_late);
    EXPECT_EQ(batch.lines.size(), 1u);
}

TEST(LogCursor, APositionIsSavedAndLoaded) {
    TempDir temp;
    EXPECT_EQ(load_position(temp.path()), std::nullopt);
    save_position(temp.path(), {3, 4, 5});
    EXPECT_EQ(load_position(temp.path()), (LogPosition{3, 4, 5}));
    { std::ofstream(temp / kForwardCursorFileName) << "not json"; }
    EXPECT_EQ(load_position(temp.path()), std::nullopt) << "a broken cursor starts afresh";
}

}  // namespace
}  // namespace ccp_relogin::audit
