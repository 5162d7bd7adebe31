#include "protocol/session_report.h"

#include <algorithm>
#include <array>

namespace ccp_relogin::protocol {
namespace {

struct EventOutcomes {
    std::string_view event;
    std::array<std::string_view, 4> outcomes;  // unused places stay empty
};

// extension/lib/flow-session.js and its callers send exactly these.
constexpr std::array<EventOutcomes, 3> kEvents{{
    {"restored", {"agent-back"}},
    {"refresh", {"started", "landed", "deferred", "failed"}},
    {"sign-out-respected", {"agent-logout", "wait-for-agent", "ask", "relogin"}},
}};

const EventOutcomes* find_event(std::string_view event) {
    const auto it = std::find_if(kEvents.begin(), kEvents.end(),
                                 [&](const EventOutcomes& e) { return e.event == event; });
    return it == kEvents.end() ? nullptr : &*it;
}

}  // namespace

bool is_session_event(std::string_view event) { return find_event(event) != nullptr; }

bool is_session_outcome(std::string_view event, std::string_view outcome) {
    const EventOutcomes* found = find_event(event);
    return found && !outcome.empty() &&
           std::find(found->outcomes.begin(), found->outcomes.end(), outcome) !=
               found->outcomes.end();
}

std::string_view session_events_text() {
    return "restored: agent-back; refresh: started, landed, deferred, failed; "
           "sign-out-respected: agent-logout, wait-for-agent, ask, relogin";
}

nlohmann::json session_audit_fields(const SessionReport& report) {
    nlohmann::json fields = {{"event", report.event},
                             {"outcome", report.outcome},
                             {"profile", report.profile},
                             {"reason", report.reason}};
    if (report.correlationId) fields["correlationId"] = *report.correlationId;
    if (report.stuckMs) fields["stuckMs"] = *report.stuckMs;
    if (report.signInMs) fields["signInMs"] = *report.signInMs;
    return fields;
}

nlohmann::json session_reply() { return {{"type", "recorded"}}; }

}  // namespace ccp_relogin::protocol
