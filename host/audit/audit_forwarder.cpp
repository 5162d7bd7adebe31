#include "audit/audit_forwarder.h"

#include <algorithm>
#include <utility>

namespace ccp_relogin::audit {

AuditForwarder::AuditForwarder(HttpSender& sender, const base::Clock& clock, JitterSource jitter,
                               std::string hostVersion, StatusSink status, ForwarderOptions options)
    : sender_(sender),
      clock_(clock),
      stopDelay_(options.stopDeadline),
      state_(clock, std::move(jitter), std::move(hostVersion), std::move(status), options.capacity,
             options.format),
      thread_([this] { run(); }) {}

AuditForwarder::~AuditForwarder() { stop(); }

bool AuditForwarder::set_destination(const std::optional<std::string>& url) {
    bool accepted = false;
    {
        const std::lock_guard lock(mutex_);
        accepted = state_.set_destination(url);
    }
    wake_.notify_one();
    return accepted;
}

void AuditForwarder::enqueue(nlohmann::json event) {
    {
        const std::lock_guard lock(mutex_);
        state_.enqueue(std::move(event));
    }
    wake_.notify_one();
}

void AuditForwarder::stop() {
    {
        const std::lock_guard lock(mutex_);
        if (!stopping_) {
            stopping_ = true;
            stopDeadline_ = std::chrono::steady_clock::now() + stopDelay_;
            stopRequested_.store(true);
        }
    }
    wake_.notify_one();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t AuditForwarder::pending() const {
    const std::lock_guard lock(mutex_);
    return state_.pending();
}

bool AuditForwarder::abort_requested() const {
    return stopRequested_.load() && std::chrono::steady_clock::now() >= stopDeadline_;
}

void AuditForwarder::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (stopping_ && abort_requested()) return;
        if (auto batch = state_.take_due()) {
            // The network call runs without the mutex: enqueue() never waits for it.
            lock.unlock();
            const SendOutcome outcome =
                sender_.post_json(batch->url, batch->body, [this] { return abort_requested(); });
            lock.lock();
            state_.report(std::move(*batch), outcome);
            continue;
        }
        // Nothing due now. While stopping, a retry is not worth waiting for:
        // the events are in the local audit log.
        if (stopping_) return;
        if (const auto next = state_.next_attempt_ms()) {
            const int64_t wait = std::max<int64_t>(*next - clock_.now_ms(), 0);
            wake_.wait_for(lock, std::chrono::milliseconds(wait));
        } else {
            wake_.wait(lock);
        }
    }
}

}  // namespace ccp_relogin::audit
