#pragma once
// Sends the audit log to the collector from the file itself: the one
// forwarder of a user (ccp-relogin-network `forward --state-dir`, elected by
// an flock on <state_dir>/forward.lock) reads the lines after its position
// (log_cursor.h), posts them in batches of up to kMaxEventsPerRequest
// (forward_wire.h), and moves the position past a batch only once the
// collector answered 2xx. So a line is never lost to a process that ended,
// a collector that was down, or a restart: it is sent when the next
// forwarder gets there. Delivery is at least once: a batch whose answer was
// lost is sent again, and its events carry the same "id" (audit_log.h), for
// the collector to drop duplicates.
//
// Failures wait kRetryBackoff (1 s doubling to 5 min, with jitter), with one
// status line when sending starts failing and one when it works again.
// run() returns once nothing new came for `idle` (the host starts a
// forwarder again with its next line: forward_process.h), after `giveUp`
// of failing without a break, or when `stop` says so.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "audit/forward_wire.h"
#include "audit/http_sender.h"
#include "base/backoff.h"
#include "base/clock.h"

namespace ccp_relogin::audit {

// How long forwarding waits after `n` failures in a row: doubling from 1 s,
// capped at 5 min, stretched by up to 20 % of jitter and never past the cap.
inline constexpr base::Backoff kRetryBackoff{
    .firstMs = 1'000, .capMs = 300'000, .jitterBelow = 0.0, .jitterAbove = 0.2, .hardCap = true};

// One line for stderr, without the "ccp-relogin: " prefix or newline.
using StatusSink = std::function<void(const std::string& line)>;
// A uniform sample in [0, 1) (base::random_jitter in production).
using JitterSource = std::function<double()>;

using Sleep = std::function<void(std::chrono::milliseconds)>;

struct LogForwarderSettings {
    std::filesystem::path stateDir;
    std::string url;
    std::string hostVersion;
    WireFormat format = WireFormat::kJsonArray;
    std::chrono::milliseconds idle{30'000};
    std::chrono::milliseconds poll{500};  // how often the file is looked at when caught up
    // Failing this long without a break, it ends: the next line recorded
    // starts a forwarder again (forward_process.h), and nothing is lost.
    std::chrono::milliseconds giveUp{600'000};
};

class LogForwarder {
  public:
    LogForwarder(LogForwarderSettings settings, HttpSender& sender, const base::Clock& clock,
                 Sleep sleep, JitterSource jitter, StatusSink status);

    // Sends until idle. Returns the number of events delivered.
    std::size_t run(const std::function<bool()>& stop = {});

  private:
    bool send(const std::vector<std::string>& lines);
    void note_failure(const SendOutcome& outcome);
    bool given_up() const;

    LogForwarderSettings settings_;
    HttpSender& sender_;
    const base::Clock& clock_;
    Sleep sleep_;
    JitterSource jitter_;
    StatusSink status_;
    int failures_ = 0;
    int64_t failingSinceMs_ = 0;
};

}  // namespace ccp_relogin::audit
