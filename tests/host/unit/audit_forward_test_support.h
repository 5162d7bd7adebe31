#pragma once
// A scripted HttpSender for the audit forwarding tests: records every
// request, answers from a script (default: delivered), can hold a request
// until the forwarder aborts it, and lets a test wait (with a deadline, never
// a sleep) until a number of requests were made.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/http_sender.h"

namespace ccp_relogin::audit::test {

struct SentRequest {
    std::string url;
    nlohmann::json body;
};

class FakeSender final : public HttpSender {
  public:
    SendOutcome post_json(const std::string& url, const std::string& body,
                          const AbortCheck& abort) override {
        std::unique_lock lock(mutex_);
        requests_.push_back({url, nlohmann::json::parse(body)});
        changed_.notify_all();
        if (hold_) {
            // Stands for a collector that never answers: only the abort ends it.
            while (!abort()) changed_.wait_for(lock, std::chrono::milliseconds(5));
            return {SendOutcome::Kind::kAborted, 0, "stopped"};
        }
        if (script_.empty()) return {SendOutcome::Kind::kDelivered, 200, "HTTP 200"};
        auto outcome = script_.front();
        script_.pop_front();
        return outcome;
    }

    void answer(SendOutcome outcome) {
        const std::lock_guard lock(mutex_);
        script_.push_back(std::move(outcome));
    }
    void hold_every_request() {
        const std::lock_guard lock(mutex_);
        hold_ = true;
    }

    // True once `count` requests were made, false after `limit`.
    bool wait_for_requests(std::size_t count,
                           std::chrono::milliseconds limit = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return requests_.size() >= count; });
    }

    std::vector<SentRequest> requests() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<SentRequest> requests_;
    std::deque<SendOutcome> script_;
    bool hold_ = false;
};

inline SendOutcome unreachable() {
    return {SendOutcome::Kind::kUnreachable, 0, "Couldn't resolve host name"};
}
inline SendOutcome http_status(long status) {
    return {
        status >= 200 && status < 300 ? SendOutcome::Kind::kDelivered : SendOutcome::Kind::kRefused,
        status, "HTTP " + std::to_string(status)};
}

}  // namespace ccp_relogin::audit::test
