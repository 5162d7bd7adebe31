#pragma once
// What audit forwarding decides, without threads or network: the queue of
// events to send, where to send them, when to try again after a failure, and
// the one stderr line per change of state (failing / works again / URL
// refused), never one per event. AuditForwarder runs it on a thread; tests
// drive it directly with a FakeClock.
//
// Destination: until set_destination() is first called, events are held
// (host mode learns forwardUrl from the configuration it loads at start).
// set_destination(nullopt) turns forwarding off and forgets the queue (every
// event is in the local audit log); a URL that forward_url_problem() refuses
// does the same and says why, once.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit/forward_queue.h"
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

struct OutgoingBatch {
    std::string url;
    std::string body;                    // request_body(events, hostVersion)
    std::vector<nlohmann::json> events;  // put back in the queue if sending fails
};

class ForwardState {
  public:
    ForwardState(const base::Clock& clock, JitterSource jitter, std::string hostVersion,
                 StatusSink status, std::size_t capacity = ForwardQueue::kDefaultCapacity,
                 WireFormat format = WireFormat::kJsonArray);

    // Returns false when `url` is refused (forwarding is then off).
    bool set_destination(const std::optional<std::string>& url);

    // `event` is a line of the local audit log (redacted, with "ts").
    void enqueue(nlohmann::json event);

    // The next request to make now, or nullopt: nothing queued, no
    // destination, or waiting to retry (see next_attempt_ms).
    std::optional<OutgoingBatch> take_due();

    // What became of a batch from take_due().
    void report(OutgoingBatch batch, const SendOutcome& outcome);

    // When take_due() will next have something (now or later), nullopt while
    // there is nothing to do.
    std::optional<int64_t> next_attempt_ms() const;

    bool failing() const { return failures_ > 0; }
    int consecutive_failures() const { return failures_; }
    std::size_t pending() const { return queue_.size(); }
    uint64_t dropped() const { return queue_.dropped(); }

  private:
    enum class Destination { kUnknown, kOff, kSet };

    const base::Clock& clock_;
    JitterSource jitter_;
    std::string hostVersion_;
    WireFormat format_;
    StatusSink status_;
    ForwardQueue queue_;
    Destination destination_ = Destination::kUnknown;
    std::string url_;
    std::string shownUrl_;  // redacted, for stderr
    std::string refusedUrl_;
    int failures_ = 0;
    int64_t retryAtMs_ = 0;
};

}  // namespace ccp_relogin::audit
