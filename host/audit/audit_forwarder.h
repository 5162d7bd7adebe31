#pragma once
// Sends the audit trail to audit.forwardUrl (a SIEM collector) from a worker
// thread of its own, so that the thread recording an event never waits for
// the network: enqueue() only takes a mutex that no network call holds.
// The decisions (queue of at most 1000 events dropping the oldest, batches,
// back-off 1 s…5 min, one stderr line per change of state) are in
// forward_state.h; the wire format in forward_wire.h; the HTTP request in
// network/curl_sender.h.
//
// It runs in ccp-relogin-network (`forward`), never in the process the
// browser talks to: host mode streams each audit line to that process's
// stdin (forward_process.h), which queues it here.
//
// Why no on-disk spool or cursor yet: every event is already in the local
// audit log (audit_log.h) before it is queued here, so an event that was not
// sent when the host ended (browser closed, process killed, collector down)
// is not lost, it is only missing from the collector. Resending after a
// restart needs one forwarding process per user, elected by a lock, reading
// audit.jsonl from a cursor that follows rotation: the audit-trail issue.
//
// Stopping (destructor or stop()): queued events get a short deadline
// (default 2 s) to be sent if the collector is reachable; a request still
// running at the deadline is abandoned (libcurl polls the abort check about
// once a second), and nothing is retried while stopping.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "audit/forward_state.h"
#include "audit/http_sender.h"
#include "audit/line_forwarder.h"
#include "base/clock.h"

namespace ccp_relogin::audit {

struct ForwarderOptions {
    std::size_t capacity = ForwardQueue::kDefaultCapacity;
    std::chrono::milliseconds stopDeadline{2'000};
    WireFormat format = WireFormat::kJsonArray;
};

class AuditForwarder final : public LineForwarder {
  public:
    // `sender`, `clock` and what `status` writes to must outlive the forwarder;
    // `status` is called from the worker thread.
    AuditForwarder(HttpSender& sender, const base::Clock& clock, JitterSource jitter,
                   std::string hostVersion, StatusSink status, ForwarderOptions options = {});
    ~AuditForwarder();
    AuditForwarder(const AuditForwarder&) = delete;
    AuditForwarder& operator=(const AuditForwarder&) = delete;

    // See ForwardState::set_destination. Returns false when the URL is refused.
    bool set_destination(const std::optional<std::string>& url);

    // `event` is a line of the local audit log. Returns at once.
    void enqueue(nlohmann::json event) override;

    // Sends what it can before the stop deadline, then ends the thread.
    // Idempotent; events enqueued afterwards are kept in memory only.
    void stop();

    std::size_t pending() const;

  private:
    void run();
    bool abort_requested() const;

    HttpSender& sender_;
    const base::Clock& clock_;
    const std::chrono::milliseconds stopDelay_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    ForwardState state_;
    bool stopping_ = false;  // guarded by mutex_
    // For the abort check, which runs inside a request without the mutex:
    // stopDeadline_ is written before stopRequested_ is set.
    std::atomic<bool> stopRequested_{false};
    std::chrono::steady_clock::time_point stopDeadline_{};
    std::thread thread_;  // last: starts once everything above exists
};

}  // namespace ccp_relogin::audit
