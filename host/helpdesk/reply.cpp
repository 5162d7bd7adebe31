#include "helpdesk/reply.h"

#include <algorithm>

#include "audit/audit_log.h"
#include "base/text.h"
#include "helpdesk/reason.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {
namespace {

using nlohmann::json;

constexpr std::size_t kShownNameBytes = 80;

int64_t attempts_in_window(const guard::ProfileRecord& record, const config::Guard& limits,
                           int64_t now_ms) {
    const int64_t window_start = now_ms - static_cast<int64_t>(limits.windowSeconds) * 1000;
    return std::count_if(record.attemptsMs.begin(), record.attemptsMs.end(),
                         [&](int64_t t) { return t > window_start; });
}

json in_flight_json(const guard::InFlight& in_flight, int64_t now_ms) {
    return {{"correlationId", in_flight.correlationId},
            {"attempt", in_flight.attempt},
            {"startedAt", audit::iso8601_utc(in_flight.startedMs)},
            {"deadline", audit::iso8601_utc(in_flight.deadlineMs)},
            {"overdue", now_ms >= in_flight.deadlineMs}};
}

}  // namespace

json helpdesk_error_reply(long pid, std::string_view code, std::string_view message) {
    return {{"ok", false}, {"pid", pid}, {"error", code}, {"message", message}};
}

json unknown_profile_reply(long pid, std::string_view profile,
                           const std::vector<std::string>& configured) {
    std::string names;
    for (const auto& name : configured) names += (names.empty() ? "" : ", ") + name;
    json reply = helpdesk_error_reply(
        pid, helpdesk_error::kUnknownProfile,
        "no profile named \"" + base::printable_utf8(profile, kShownNameBytes) +
            "\"; configured profiles: " + (names.empty() ? std::string("none") : names));
    reply["profiles"] = configured;
    return reply;
}

json profile_guard_json(const guard::ProfileRecord* record, const config::Guard& limits,
                        int64_t now_ms) {
    json guard = {{"attemptsInWindow", 0},
                  {"maxAttempts", limits.maxAttempts},
                  {"windowSeconds", limits.windowSeconds},
                  {"backoffRemainingMs", 0},
                  {"inFlight", nullptr},
                  {"stopped", nullptr},
                  {"lastLandedAt", nullptr}};
    if (record == nullptr) return guard;
    guard["attemptsInWindow"] = attempts_in_window(*record, limits, now_ms);
    guard["backoffRemainingMs"] = std::max<int64_t>(0, record->blockedUntilMs - now_ms);
    if (record->inFlight) guard["inFlight"] = in_flight_json(*record->inFlight, now_ms);
    if (record->stopped && record->stopped->untilMs > now_ms)
        guard["stopped"] = {{"reason", record->stopped->reason},
                            {"diagnosis", record->stopped->diagnosis},
                            {"until", audit::iso8601_utc(record->stopped->untilMs)}};
    if (record->lastLandedMs) guard["lastLandedAt"] = audit::iso8601_utc(*record->lastLandedMs);
    return guard;
}

json status_reply(const RunningHost& host, const config::Config& config,
                  const guard::GuardState& state, int64_t now_ms) {
    json profiles = json::array();
    for (const auto& profile : config.profiles) {
        const auto it = state.profiles.find(profile.name);
        const guard::ProfileRecord* record = it == state.profiles.end() ? nullptr : &it->second;
        profiles.push_back(
            {{"name", profile.name}, {"guard", profile_guard_json(record, config.guard, now_ms)}});
    }
    return {{"ok", true},
            {"pid", host.pid},
            {"extensionId", host.extensionId},
            {"version", host.version},
            {"startedAt", host.startedAt},
            {"trustsDevelopmentExtension", host.trustsDevelopmentExtension},
            {"profiles", std::move(profiles)}};
}

json relogin_reply(long pid, const std::vector<std::string>& pushed) {
    return {{"ok", true}, {"pid", pid}, {"pushed", pushed}};
}

json relogin_outcome_reply(long pid, const std::vector<std::string>& pushed, const json& outcome) {
    json reply = relogin_reply(pid, pushed);
    reply["outcome"] = outcome;
    const bool all_landed = outcome.value("stopped", json::array()).empty();
    reply["ok"] = all_landed;
    if (!all_landed) {
        reply["error"] = helpdesk_error::kStopped;
        reply["message"] = "the re-login stopped";
    }
    return reply;
}

}  // namespace ccp_relogin::helpdesk
