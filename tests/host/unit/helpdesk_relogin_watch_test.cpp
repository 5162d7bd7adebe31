// relogin --wait: the watch of forced re-logins (helpdesk/relogin_watch.h),
// the service's waiting relogin (helpdesk/service.h) and the server's
// deferred answers (helpdesk/server.h).
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "config/layers.h"
#include "guard/state_store.h"
#include "helpdesk/client.h"
#include "helpdesk/relogin_watch.h"
#include "helpdesk/server.h"
#include "helpdesk/service.h"
#include "helpdesk/socket_dir.h"
#include "protocol_test_support.h"

namespace ccp_relogin::helpdesk {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json granted(const std::string& profile, const std::string& id) {
    return {{"type", "relogin"}, {"profile", profile}, {"correlationId", id}, {"attempt", 1}};
}
json returned(const std::string& profile, const std::string& id) {
    return {{"type", "return"}, {"profile", profile}, {"correlationId", id}, {"url", "https://x"}};
}
json stopped(const std::string& profile, const std::string& reason) {
    return {{"type", "stop"}, {"profile", profile}, {"reason", reason}, {"diagnosis", "…"}};
}

TEST(ReloginWaiter, LandedOnceTheGrantedSignInReturns) {
    ReloginWaiter waiter({"agents-us"});
    EXPECT_FALSE(waiter.observe(granted("agents-us", "c1")));
    EXPECT_FALSE(waiter.observe(returned("agents-us", "c0")));  // an older sign-in
    EXPECT_FALSE(waiter.observe(returned("admins-us", "c1")));  // another profile
    EXPECT_FALSE(waiter.observe({{"type", "wait"}, {"profile", "agents-us"}}));
    EXPECT_TRUE(waiter.observe(returned("agents-us", "c1")));
    EXPECT_EQ(waiter.outcome(), json::parse(R"({"landed":["agents-us"],"stopped":[]})"));
}

TEST(ReloginWaiter, ARetryAfterAFailureIsTheSignInThatCounts) {
    ReloginWaiter waiter({"agents-us"});
    waiter.observe(granted("agents-us", "c1"));
    waiter.observe(granted("agents-us", "c2"));  // the answer to `failed`: a retry
    EXPECT_FALSE(waiter.observe(returned("agents-us", "c1")));
    EXPECT_TRUE(waiter.observe(returned("agents-us", "c2")));
}

TEST(ReloginWaiter, AStopEndsTheProfileWithItsReason) {
    ReloginWaiter waiter({"agents-us", "admins-us"});
    waiter.observe(granted("agents-us", "c1"));
    EXPECT_FALSE(waiter.observe(stopped("admins-us", "attempts-exhausted")));
    EXPECT_TRUE(waiter.observe(returned("agents-us", "c1")));
    EXPECT_EQ(waiter.outcome(), json::parse(R"({"landed":["agents-us"],
        "stopped":[{"profile":"admins-us","reason":"attempts-exhausted"}]})"));
}

TEST(ReloginWaiter, RepliesWithoutAProfileOrOfAnotherShapeChangeNothing) {
    ReloginWaiter waiter({"agents-us"});
    EXPECT_FALSE(waiter.observe({{"type", "stop"}, {"reason", "state-unavailable"}}));
    EXPECT_FALSE(waiter.observe(json::array()));
    EXPECT_FALSE(waiter.observe({{"type", "relogin"}, {"profile", 7}}));
    EXPECT_FALSE(waiter.done());
}

TEST(ReloginWatch, CallsBackOnceWhenDoneAndForgetsCancelledWatches) {
    ReloginWatch watch;
    std::vector<json> outcomes;
    watch.watch({"agents-us"}, [&](const json& o) { outcomes.push_back(o); });
    const auto cancelled = watch.watch({"agents-us"}, [&](const json&) { ADD_FAILURE(); });
    watch.cancel(cancelled);
    watch.observe(granted("agents-us", "c1"));
    watch.observe(returned("agents-us", "c1"));
    watch.observe(returned("agents-us", "c1"));  // the same report again: no second call
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0]["landed"], json({"agents-us"}));
}

// --- The service ---------------------------------------------------------------

config::Config config_of(const json& doc) {
    return config::assemble_config({{"test-config.json", doc}}).config;
}

class WaitingRelogin : public ::testing::Test {
  protected:
    WaitingRelogin() { snapshot_.publish(config_of(test::agents_and_admins_config())); }

    HandlerAnswer respond(const std::string& line) { return service_.respond(line, peer_); }

    test::TempDir temp_;
    guard::StateStore store_{temp_.path() / "state", [](const std::string&) {}};
    base::FakeClock clock_{1'700'000'000'000};
    ConfigSnapshot snapshot_;
    ReloginWatch watch_;
    std::vector<json> pushed_;
    std::vector<json> audit_;
    std::vector<json> late_;
    bool browser_open_ = true;
    PeerCredentials peer_{1000, 4321};
    HelpdeskService service_{HelpdeskCollaborators{
        .host = RunningHost{777, "lgnognmbodadambbbcigkefnngodpege", "0.1.0", "then", true},
        .config = snapshot_,
        .state = store_,
        .clock = clock_,
        .audit = [this](const json& event) { audit_.push_back(event); },
        .push =
            [this](const json& frame) {
                if (!browser_open_) return false;
                pushed_.push_back(frame);
                return true;
            },
        .watch = &watch_}};
    LateReply late_reply_{[this](const json& reply) { late_.push_back(reply); }};
};

TEST_F(WaitingRelogin, IsDeferredUntilTheForcedSignInLands) {
    auto answer = respond(R"({"type":"relogin","profile":"agents-us","wait":true})");
    ASSERT_TRUE(std::holds_alternative<Deferred>(answer));
    auto& deferred = std::get<Deferred>(answer);
    // relogin.timeoutSeconds (300 by default) plus the grace for the extension.
    EXPECT_EQ(deferred.timeout, 300'000ms + kForcedReloginGrace);
    EXPECT_EQ(deferred.on_timeout["error"], "timeout");
    EXPECT_EQ(deferred.on_timeout["pushed"], json({"agents-us"}));
    EXPECT_TRUE(pushed_.empty()) << "nothing is pushed before the watch is set";

    deferred.start(late_reply_);
    ASSERT_EQ(pushed_.size(), 1u);
    EXPECT_EQ(pushed_[0]["type"], "force-relogin");
    EXPECT_TRUE(late_.empty());

    watch_.observe(granted("agents-us", "c1"));
    watch_.observe(returned("agents-us", "c1"));
    ASSERT_EQ(late_.size(), 1u);
    EXPECT_EQ(late_[0], json::parse(R"({"ok":true,"pid":777,"pushed":["agents-us"],
        "outcome":{"landed":["agents-us"],"stopped":[]}})"));
    EXPECT_EQ(audit_.back()["event"], "helpdesk-relogin-outcome");
}

TEST_F(WaitingRelogin, AStopIsAnErrorReplyWithTheOutcome) {
    auto answer = respond(R"({"type":"relogin","profile":"agents-us","wait":true})");
    std::get<Deferred>(answer).start(late_reply_);
    watch_.observe(stopped("agents-us", "attempts-exhausted"));
    ASSERT_EQ(late_.size(), 1u);
    EXPECT_EQ(late_[0]["ok"], false);
    EXPECT_EQ(late_[0]["error"], "stopped");
    EXPECT_EQ(late_[0]["outcome"]["stopped"][0]["reason"], "attempts-exhausted");
}

TEST_F(WaitingRelogin, ABrowserGoneIsAnsweredAtOnceAndTheWatchForgotten) {
    browser_open_ = false;
    auto answer = respond(R"({"type":"relogin","profile":"agents-us","wait":true})");
    std::get<Deferred>(answer).start(late_reply_);
    ASSERT_EQ(late_.size(), 1u);
    EXPECT_EQ(late_[0]["error"], "browser-gone");
    watch_.observe(stopped("agents-us", "loop"));
    EXPECT_EQ(late_.size(), 1u);
}

TEST_F(WaitingRelogin, RefusalsAndRequestsThatDontWaitAreAnsweredAtOnce) {
    const auto unknown = respond(R"({"type":"relogin","profile":"nobody","wait":true})");
    ASSERT_TRUE(std::holds_alternative<json>(unknown));
    EXPECT_EQ(std::get<json>(unknown)["error"], "unknown-profile");
    const auto at_once = respond(R"({"type":"relogin","profile":"agents-us"})");
    ASSERT_TRUE(std::holds_alternative<json>(at_once));
    EXPECT_EQ(std::get<json>(at_once)["pushed"], json({"agents-us"}));
    const auto bad = respond(R"({"type":"relogin","wait":"yes"})");
    EXPECT_EQ(std::get<json>(bad)["error"], "wrong-type");
}

// --- The server -----------------------------------------------------------------

// A server whose handler defers every line: the test answers from its own thread.
class DeferringServer : public ::testing::Test {
  protected:
    DeferringServer() { prepare_ipc_dir(dir()); }
    std::filesystem::path dir() const { return temp_.path() / "ipc"; }
    std::filesystem::path socket() const { return socket_path_for(dir(), 4242); }

    std::unique_ptr<HelpdeskServer> start(std::chrono::milliseconds timeout) {
        return std::make_unique<HelpdeskServer>(
            socket(),
            [this, timeout](std::string_view, const PeerCredentials&) -> HandlerAnswer {
                return Deferred{.timeout = timeout,
                                .on_timeout = {{"ok", false}, {"error", "timeout"}},
                                .start = [this](LateReply late) {
                                    const std::lock_guard lock(mutex_);
                                    late_ = late;
                                    changed_.notify_all();
                                }};
            },
            [](const std::optional<PeerCredentials>&) {},
            [] {
                return json{{"ok", false}, {"error", "too-long"}};
            });
    }

    LateReply wait_for_late_reply() {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, 10s, [this] { return late_.has_value(); }))
            throw std::runtime_error("the handler never started");
        return *late_;
    }

    test::TempDir temp_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<LateReply> late_;
};

TEST_F(DeferringServer, TheLateReplyIsTheAnswerLongAfterTheLineDeadline) {
    const auto server = start(60s);
    std::optional<HostAnswer> answer;
    std::thread client([&] { answer = ask_host(socket(), 4242, {{"type", "relogin"}}, 30s); });
    const LateReply late = wait_for_late_reply();
    late.send({{"ok", true}, {"outcome", "landed"}});
    late.send({{"ok", false}, {"second", true}});  // only the first counts
    client.join();
    ASSERT_EQ(answer->outcome, HostAnswer::Outcome::kReplied) << answer->problem;
    EXPECT_EQ(answer->reply, json::parse(R"({"ok":true,"outcome":"landed"})"));
}

TEST_F(DeferringServer, WithoutALateReplyTheTimeoutAnswerGoesOut) {
    const auto server = start(50ms);
    const HostAnswer answer = ask_host(socket(), 4242, {{"type", "relogin"}}, 10s);
    ASSERT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    EXPECT_EQ(answer.reply, json::parse(R"({"ok":false,"error":"timeout"})"));
    // A reply that comes after the timeout goes nowhere.
    wait_for_late_reply().send({{"ok", true}});
}

TEST_F(DeferringServer, ALateReplyAfterTheServerIsGoneIsDropped) {
    std::thread client;
    {
        const auto server = start(60s);
        client = std::thread([&] { ask_host(socket(), 4242, {{"type", "relogin"}}, 10s); });
        wait_for_late_reply();
    }
    late_->send({{"ok", true}});  // the server stopped: nothing to post to, no crash
    client.join();
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
