#include "audit/forward_state.h"

#include <utility>

#include "audit/forward_wire.h"
#include "audit/redact.h"

namespace ccp_relogin::audit {

ForwardState::ForwardState(const base::Clock& clock, JitterSource jitter, std::string hostVersion,
                           StatusSink status, std::size_t capacity, WireFormat format)
    : clock_(clock),
      jitter_(std::move(jitter)),
      hostVersion_(std::move(hostVersion)),
      format_(format),
      status_(std::move(status)),
      queue_(capacity) {}

bool ForwardState::set_destination(const std::optional<std::string>& url) {
    if (url && destination_ == Destination::kSet && *url == url_) return true;
    failures_ = 0;
    retryAtMs_ = 0;
    if (!url) {
        destination_ = Destination::kOff;
        queue_.clear();
        queue_.take_dropped();
        return true;
    }
    if (const auto problem = forward_url_problem(*url)) {
        // The URL itself may carry a secret in its query: show it redacted.
        // Every hello loads the configuration again: say it once per URL.
        if (status_ && *url != refusedUrl_) status_(forwarding_off_line(*url, *problem));
        refusedUrl_ = *url;
        destination_ = Destination::kOff;
        queue_.clear();
        queue_.take_dropped();
        return false;
    }
    destination_ = Destination::kSet;
    url_ = *url;
    shownUrl_ = redact_url(*url);
    return true;
}

void ForwardState::enqueue(nlohmann::json event) {
    if (destination_ != Destination::kOff) queue_.push(std::move(event));
}

std::optional<OutgoingBatch> ForwardState::take_due() {
    if (destination_ != Destination::kSet || queue_.empty()) return std::nullopt;
    const int64_t now = clock_.now_ms();
    if (now < retryAtMs_) return std::nullopt;
    OutgoingBatch batch{.url = url_, .body = {}, .events = {}};
    // Drops are told in front of the events that survived them.
    if (const uint64_t dropped = queue_.take_dropped(); dropped > 0)
        batch.events.push_back(forward_dropped_event(dropped, now));
    for (auto& event : queue_.take(kMaxEventsPerRequest - batch.events.size()))
        batch.events.push_back(std::move(event));
    batch.body = request_body(batch.events, hostVersion_, format_);
    return batch;
}

void ForwardState::report(OutgoingBatch batch, const SendOutcome& outcome) {
    using Kind = SendOutcome::Kind;
    if (outcome.kind == Kind::kDelivered) {
        if (failures_ > 0 && status_) status_("audit forwarding to " + shownUrl_ + " works again");
        failures_ = 0;
        retryAtMs_ = 0;
        return;
    }
    // A batch for a URL that has since been replaced or turned off is not
    // put back: it belonged to the old destination.
    if (destination_ != Destination::kSet || batch.url != url_) return;
    queue_.restore_front(std::move(batch.events));
    if (outcome.kind == Kind::kAborted) return;  // shutting down, not a failure of the collector
    if (failures_ == 0 && status_)
        status_("audit forwarding to " + shownUrl_ + " is failing (" + outcome.detail +
                "); retrying with back-off, the events stay in the local audit log");
    ++failures_;
    retryAtMs_ = clock_.now_ms() +
                 base::backoff_delay_ms(failures_, jitter_ ? jitter_() : 0.0, kRetryBackoff);
}

std::optional<int64_t> ForwardState::next_attempt_ms() const {
    if (destination_ != Destination::kSet || queue_.empty()) return std::nullopt;
    return retryAtMs_;
}

}  // namespace ccp_relogin::audit
