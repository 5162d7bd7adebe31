#pragma once
// The host → extension replies other than `error` (protocol_error.h), built
// from decisions and configuration. Pure. Field names are the protocol
// contract (docs/protocol.md); each reply may additionally carry `profile` so the
// extension's per-profile state machine knows which one it concerns.
//
// Times: `deadlineMs` is an absolute time (milliseconds since the Unix epoch,
// the host and the browser share the machine's clock); `retryAfterMs` is a
// duration from now.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "guard/guard_policy.h"

namespace ccp_relogin::protocol {

// welcome {v, hostVersion, config, problems[{source, path, reason}]}
nlohmann::json welcome_reply(const config::Config& effective,
                             const std::vector<config::Problem>& problems);

// relogin {attempt, correlationId, profile, signInUrl, returnUrl, deadlineMs}.
// signInUrl is built from the profile's configuration only; returnUrl must
// come from federation::choose_return_url.
nlohmann::json relogin_reply(const guard::Granted& granted, const config::Profile& profile,
                             const std::string& return_url);

// wait {reason, retryAfterMs, profile}
nlohmann::json wait_reply(const guard::Wait& wait, std::string_view profile);

// stop {reason, diagnosis} (+ profile when one was chosen, untilMs when known)
nlohmann::json stop_reply(std::string_view reason, std::string_view diagnosis,
                          std::string_view profile = "", std::int64_t until_ms = 0);

// The reply for a guard decision about `profile`.
nlohmann::json decision_reply(const guard::Decision& decision, const config::Profile& profile,
                              const std::string& return_url);

// return {correlationId, url, profile}
nlohmann::json return_reply(std::string_view correlation_id, const std::string& url,
                            std::string_view profile);

// recorded {configured}: the answer to cookie-rule, once it is in the audit
// trail; `configured` says whether the configuration names that rule
// (protocol/cookie_rule.h).
nlohmann::json recorded_reply(bool configured);

// force-relogin {profile, reason}: pushed, not a reply (no `re`). The
// helpdesk socket (helpdesk/) sends it; `reason` is already sanitised there.
nlohmann::json force_relogin_message(std::string_view profile, std::string_view reason);

nlohmann::json problems_json(const std::vector<config::Problem>& problems);

}  // namespace ccp_relogin::protocol
