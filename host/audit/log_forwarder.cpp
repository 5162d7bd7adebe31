#include "audit/log_forwarder.h"

#include <nlohmann/json.hpp>

#include "audit/log_cursor.h"
#include "audit/redact_text.h"
#include "base/backoff.h"

namespace ccp_relogin::audit {

LogForwarder::LogForwarder(LogForwarderSettings settings, HttpSender& sender,
                           const base::Clock& clock, Sleep sleep, JitterSource jitter,
                           StatusSink status)
    : settings_(std::move(settings)),
      sender_(sender),
      clock_(clock),
      sleep_(std::move(sleep)),
      jitter_(std::move(jitter)),
      status_(std::move(status)) {}

std::size_t LogForwarder::run(const std::function<bool()>& stop) {
    std::optional<LogPosition> position = load_position(settings_.stateDir);
    std::size_t delivered = 0;
    int64_t quiet_since = clock_.now_ms();
    while (!(stop && stop()) && !given_up()) {
        const LogBatch batch = read_log_after(settings_.stateDir, position, kMaxEventsPerRequest);
        if (batch.resumed_late && status_)
            status_(
                "audit forwarding fell more than the kept files behind: lines rotated away "
                "before they were sent are only in the collector's gap");
        if (batch.lines.empty()) {
            if (!position || !(batch.next == *position)) {
                position = batch.next;  // past a rotated file read to its end
                save_position(settings_.stateDir, *position);
            }
            if (clock_.now_ms() - quiet_since >= settings_.idle.count()) break;
            sleep_(settings_.poll);
            continue;
        }
        if (!send(batch.lines)) continue;
        delivered += batch.lines.size();
        position = batch.next;
        save_position(settings_.stateDir, *position);
        quiet_since = clock_.now_ms();
    }
    return delivered;
}

bool LogForwarder::send(const std::vector<std::string>& lines) {
    std::vector<nlohmann::json> events;
    for (const auto& line : lines) {
        auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_object()) events.push_back(std::move(event));  // a torn line: skipped
    }
    if (events.empty()) return true;
    const auto outcome = sender_.post_json(
        settings_.url, request_body(events, settings_.hostVersion, settings_.format), {});
    if (outcome.kind == SendOutcome::Kind::kDelivered) {
        if (failures_ > 0 && status_) status_("audit forwarding works again");
        failures_ = 0;
        return true;
    }
    note_failure(outcome);
    return false;
}

void LogForwarder::note_failure(const SendOutcome& outcome) {
    if (failures_++ == 0) {
        failingSinceMs_ = clock_.now_ms();
        if (status_)
            status_("audit forwarding to " + redact_url(settings_.url) + " is failing (" +
                    outcome.detail + "); retrying, the local audit log keeps every line");
    }
    sleep_(std::chrono::milliseconds(base::backoff_delay_ms(failures_, jitter_(), kRetryBackoff)));
}

bool LogForwarder::given_up() const {
    return failures_ > 0 && clock_.now_ms() - failingSinceMs_ >= settings_.giveUp.count();
}

}  // namespace ccp_relogin::audit
