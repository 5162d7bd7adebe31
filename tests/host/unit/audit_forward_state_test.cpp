// What audit forwarding decides, driven step by step with a FakeClock: the
// retry schedule, one stderr line per change of state, drops reported,
// batches and their wire format, and URLs that must never reach a sender.
#include <gtest/gtest.h>

#include "audit/forward_state.h"
#include "audit/forward_wire.h"
#include "audit_forward_test_support.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;
using test::http_status;
using test::unreachable;

constexpr const char* kUrl = "https://siem.example.com/ingest";

struct Harness {
    base::FakeClock clock{1'700'000'000'000};
    double jitter = 0.0;
    std::vector<std::string> status;
    ForwardState state;

    explicit Harness(std::size_t capacity = ForwardQueue::kDefaultCapacity)
        : state(
              clock, [this] { return jitter; }, "1.2.3",
              [this](const std::string& line) { status.push_back(line); }, capacity) {}

    // Takes the due batch, "sends" it, reports `outcome`; the sent body.
    std::optional<json> send(const SendOutcome& outcome) {
        auto batch = state.take_due();
        if (!batch) return std::nullopt;
        json body = json::parse(batch->body);
        state.report(std::move(*batch), outcome);
        return body;
    }
};

TEST(AuditForwardBackoff, DoublesFromOneSecondUpToFiveMinutes) {
    const std::vector<int64_t> expected = {1'000,  2'000,   4'000,   8'000,   16'000,  32'000,
                                           64'000, 128'000, 256'000, 300'000, 300'000, 300'000};
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(base::backoff_delay_ms(static_cast<int>(i + 1), 0.0, kRetryBackoff), expected[i])
            << "failure " << i + 1;
    EXPECT_EQ(base::backoff_delay_ms(0, 0.0, kRetryBackoff), 1'000);
    EXPECT_EQ(base::backoff_delay_ms(1'000'000, 0.0, kRetryBackoff), 300'000);  // no overflow
}

TEST(AuditForwardBackoff, JitterStretchesByUpToAFifthButNeverPastTheCap) {
    EXPECT_EQ(base::backoff_delay_ms(1, 0.5, kRetryBackoff), 1'100);
    EXPECT_EQ(base::backoff_delay_ms(3, 0.999, kRetryBackoff), 4'799);
    EXPECT_EQ(base::backoff_delay_ms(9, 0.999, kRetryBackoff),
              300'000);  // 256 s * 1.2 would pass the cap
    EXPECT_EQ(base::backoff_delay_ms(2, -3.0, kRetryBackoff),
              2'000);  // out-of-range samples are clamped
}

TEST(AuditForwardState, RetriesOnTheBackoffScheduleAndNeverBefore) {
    Harness h;
    h.state.set_destination(kUrl);
    h.state.enqueue({{"event", "expired"}});

    int64_t expected_delay = 1'000;
    for (int failure = 1; failure <= 11; ++failure) {
        ASSERT_TRUE(h.send(failure % 2 ? unreachable() : http_status(503))) << failure;
        EXPECT_EQ(h.state.consecutive_failures(), failure);
        const int64_t failed_at = h.clock.now_ms();
        EXPECT_EQ(h.state.next_attempt_ms(), failed_at + expected_delay);
        h.clock.advance(expected_delay - 1);
        EXPECT_FALSE(h.state.take_due()) << "retried early after failure " << failure;
        h.clock.advance(1);
        expected_delay = std::min<int64_t>(expected_delay * 2, kRetryBackoff.capMs);
    }
    // Still the same single event, never lost while retrying.
    const auto body = h.send(http_status(202));
    ASSERT_TRUE(body);
    ASSERT_EQ(body->size(), 1u);
    EXPECT_EQ((*body)[0]["event"], "expired");
    EXPECT_FALSE(h.state.failing());
    EXPECT_FALSE(h.state.next_attempt_ms());  // nothing left: idle
}

TEST(AuditForwardState, JitterComesFromTheInjectedSource) {
    Harness h;
    h.jitter = 0.5;
    h.state.set_destination(kUrl);
    h.state.enqueue({{"event", "x"}});
    h.send(unreachable());
    EXPECT_EQ(h.state.next_attempt_ms(), h.clock.now_ms() + 1'100);
}

TEST(AuditForwardState, OneStatusLinePerChangeOfStateNotPerEventOrRetry) {
    Harness h;
    h.state.set_destination("https://siem.example.com/ingest?token=s3cret&source=ccp");
    for (int i = 0; i < 5; ++i) h.state.enqueue({{"event", "x"}, {"n", i}});
    h.send(http_status(500));
    for (int i = 0; i < 4; ++i) {
        h.clock.advance(kRetryBackoff.capMs);
        h.send(unreachable());
    }
    ASSERT_EQ(h.status.size(), 1u);
    EXPECT_NE(h.status[0].find("is failing (HTTP 500)"), std::string::npos) << h.status[0];
    h.clock.advance(kRetryBackoff.capMs);
    h.send(http_status(200));
    h.send(http_status(200));
    ASSERT_EQ(h.status.size(), 2u);
    EXPECT_NE(h.status[1].find("works again"), std::string::npos) << h.status[1];
    for (const auto& line : h.status) {
        EXPECT_EQ(line.find("s3cret"), std::string::npos) << line;
        EXPECT_NE(line.find("siem.example.com/ingest?token=redacted"), std::string::npos) << line;
    }
}

TEST(AuditForwardState, BatchesAreJsonArraysOfLogLinesWithHostVersionOldestFirst) {
    Harness h;
    h.state.set_destination(kUrl);
    for (int n = 0; n < 120; ++n)
        h.state.enqueue({{"event", "expired"}, {"n", n}, {"ts", "2023-11-14T22:13:20.000Z"}});
    std::vector<std::size_t> sizes;
    int next = 0;
    while (auto batch = h.state.take_due()) {
        EXPECT_EQ(batch->url, kUrl);
        const json body = json::parse(batch->body);
        ASSERT_TRUE(body.is_array());
        sizes.push_back(body.size());
        for (const auto& event : body) {
            EXPECT_EQ(event["n"], next++);
            EXPECT_EQ(event["hostVersion"], "1.2.3");
            EXPECT_EQ(event["ts"], "2023-11-14T22:13:20.000Z");
        }
        h.state.report(std::move(*batch), http_status(200));
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{50, 50, 20}));
}

TEST(AuditForwardState, DropsAreReportedOnceInFrontOfTheNextBatch) {
    Harness h(/*capacity=*/3);
    h.state.set_destination(kUrl);
    h.state.enqueue({{"event", "e"}, {"n", 0}});
    h.send(unreachable());  // event 0 goes back in the queue
    for (int n = 1; n <= 5; ++n) h.state.enqueue({{"event", "e"}, {"n", n}});
    EXPECT_EQ(h.state.dropped(), 3u);  // 0, 1, 2 made room for 3, 4, 5
    h.clock.advance(1'000);
    const auto body = h.send(http_status(200));
    ASSERT_TRUE(body);
    ASSERT_EQ(body->size(), 4u);
    EXPECT_EQ((*body)[0]["event"], "forward-dropped");
    EXPECT_EQ((*body)[0]["count"], 3);
    EXPECT_EQ((*body)[0]["hostVersion"], "1.2.3");
    EXPECT_TRUE((*body)[0].contains("ts"));
    EXPECT_EQ((*body)[1]["n"], 3);
    EXPECT_EQ((*body)[3]["n"], 5);
    h.state.enqueue({{"event", "e"}, {"n", 6}});
    const auto next = h.send(http_status(200));
    ASSERT_TRUE(next);
    ASSERT_EQ(next->size(), 1u);
    EXPECT_EQ((*next)[0]["n"], 6);
}

TEST(AuditForwardState, RefusedUrlsNeverReachASenderAndAreReportedOnce) {
    const std::vector<std::string> refused = {"http://siem.example.com/ingest",
                                              "https://user:pw@siem.example.com/",
                                              "ftp://siem.example.com/",
                                              "not a url",
                                              "https://",
                                              "https://siem.example.com/" + std::string(3000, 'a')};
    for (const std::string& bad : refused) {
        Harness h;
        EXPECT_FALSE(h.state.set_destination(bad)) << bad;
        EXPECT_FALSE(h.state.set_destination(bad)) << bad;  // a second hello, same config
        h.state.enqueue({{"event", "expired"}});
        EXPECT_FALSE(h.state.take_due()) << bad;
        EXPECT_FALSE(h.state.next_attempt_ms()) << bad;
        EXPECT_EQ(h.state.pending(), 0u) << bad;
        ASSERT_EQ(h.status.size(), 1u) << bad;
        EXPECT_NE(h.status[0].find("audit forwarding is off"), std::string::npos) << h.status[0];
        EXPECT_EQ(h.status[0].find(":pw@"), std::string::npos) << h.status[0];
    }
}

TEST(AuditForwardWire, UrlRulesMatchConfigurationValidation) {
    EXPECT_FALSE(forward_url_problem("https://siem.example.com:8088/services/collector"));
    EXPECT_EQ(forward_url_problem("http://siem.example.com/"), "not an https URL");
    EXPECT_EQ(forward_url_problem("https://a:b@siem.example.com/"),
              "must not carry a user name or password");
}

TEST(AuditForwardState, EventsWaitForTheFirstDestinationAndAreForgottenWhenTurnedOff) {
    Harness h;
    h.state.enqueue({{"event", "early"}});
    EXPECT_FALSE(h.state.take_due());  // destination not known yet
    h.state.set_destination(kUrl);
    const auto body = h.send(http_status(200));
    ASSERT_TRUE(body);
    EXPECT_EQ((*body)[0]["event"], "early");

    h.state.enqueue({{"event", "later"}});
    h.state.set_destination(std::nullopt);
    EXPECT_EQ(h.state.pending(), 0u);
    h.state.enqueue({{"event", "while off"}});
    EXPECT_FALSE(h.state.take_due());
    EXPECT_TRUE(h.status.empty());
}

TEST(AuditForwardState, ANewUrlIsTriedAtOnceAndTheSameUrlAgainChangesNothing) {
    Harness h;
    h.state.set_destination(kUrl);
    h.state.enqueue({{"event", "x"}});
    h.send(unreachable());
    EXPECT_TRUE(h.state.failing());
    h.state.set_destination(kUrl);  // every hello reloads the same configuration
    EXPECT_FALSE(h.state.take_due());
    h.state.set_destination("https://other.example.com/ingest");
    auto batch = h.state.take_due();
    ASSERT_TRUE(batch);
    EXPECT_EQ(batch->url, "https://other.example.com/ingest");
}

TEST(AuditForwardState, AnAbortedSendIsNotAFailure) {
    Harness h;
    h.state.set_destination(kUrl);
    h.state.enqueue({{"event", "x"}});
    h.send({SendOutcome::Kind::kAborted, 0, "stopped"});
    EXPECT_FALSE(h.state.failing());
    EXPECT_EQ(h.state.pending(), 1u);
    EXPECT_TRUE(h.status.empty());
}

}  // namespace
}  // namespace ccp_relogin::audit
