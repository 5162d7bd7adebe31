#pragma once
// The reply lines of the helpdesk socket (helpdesk/wire_protocol.h), built from
// plain values. Pure: times come in as arguments.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "guard/guard_state.h"

namespace ccp_relogin::helpdesk {

// Who answers: the fields every status reply starts with.
struct RunningHost {
    long pid = 0;
    std::string extensionId;
    std::string version;
    std::string startedAt;  // ISO 8601 UTC
    // Whether this host accepts the development extension's ID, which any
    // unpacked copy of the extension has (config/development_trust.h).
    bool trustsDevelopmentExtension = false;
};

// {"ok":false,"pid":…,"error":code,"message":message}
nlohmann::json helpdesk_error_reply(long pid, std::string_view code, std::string_view message);

// The unknown-profile error, listing the configured profile names.
nlohmann::json unknown_profile_reply(long pid, std::string_view profile,
                                     const std::vector<std::string>& configured);

// What the guard knows about one profile (`record` null: nothing yet):
// attempts in the current window against the limit, back-off, in-flight
// sign-in, an active stop, the last landing. Times as ISO 8601 UTC.
nlohmann::json profile_guard_json(const guard::ProfileRecord* record, const config::Guard& limits,
                                  int64_t now_ms);

// {"ok":true,"pid","extensionId","version","startedAt","profiles":[{name,guard}]}
nlohmann::json status_reply(const RunningHost& host, const config::Config& config,
                            const guard::GuardState& state, int64_t now_ms);

// {"ok":true,"pid":…,"pushed":[names]}
nlohmann::json relogin_reply(long pid, const std::vector<std::string>& pushed);

// relogin --wait, once every forced re-login has its outcome
// (relogin_watch.h): the relogin reply plus "outcome": {"landed", "stopped"};
// "ok" only when every profile landed.
nlohmann::json relogin_outcome_reply(long pid, const std::vector<std::string>& pushed,
                                     const nlohmann::json& outcome);

}  // namespace ccp_relogin::helpdesk
