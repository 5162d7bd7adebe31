#pragma once
// The session message (docs/protocol.md, "session"): what the extension
// decided about a session without asking the host: an expiry left alone
// because the agent signed out or was signed out for inactivity, a
// background refresh, the agent's CCP restored (with how long the agent was
// stuck). The host decides nothing: it records the report in the audit trail
// (event "session", kind = the report's event) and answers `recorded`. Pure.
#include <nlohmann/json.hpp>
#include <string_view>

#include "protocol/messages.h"

namespace ccp_relogin::protocol {

// The events and, per event, the outcomes the extension sends.
bool is_session_event(std::string_view event);
bool is_session_outcome(std::string_view event, std::string_view outcome);
// "restored: agent-back; refresh: started, landed, deferred, failed; …" for error messages.
std::string_view session_events_text();

// {event, outcome, profile, reason[, correlationId, stuckMs, signInMs]}
nlohmann::json session_audit_fields(const SessionReport& report);

// recorded {}
nlohmann::json session_reply();

}  // namespace ccp_relogin::protocol
