#pragma once
// What a helpdesk re-login changes in the loop protection of one profile.
// Pure, over guard::GuardState (guard/guard_state.h).
//
// The helpdesk asking explicitly is a reason to try again after a stop, not
// a reason to hammer Entra, so:
//  - cleared: the sticky stop (loop, idp-error: perhaps the administrator has
//    just fixed the Entra app or the IAM role), the back-off, the time of
//    the last landing (so the forced expiry that follows is not mistaken for
//    "expired right after a login", the loop rule), and the sign-in in
//    flight: a helpdesk relogin is an explicit override, and a sign-in the
//    host still holds (its tab long gone, a deadline a clock step stretched)
//    would otherwise answer the forced expiry with `wait`. The extension
//    itself ignores `force-relogin` while its flow for the profile runs;
//  - kept: the attempts in the window, so guard.maxAttempts per
//    guard.windowSeconds still holds (a helpdesk loop ends in
//    attempts-exhausted).
// Unlike guard::reset_profile (the agent's own "Sign in again"), the attempt
// history survives.
#include <cstdint>
#include <string_view>

#include "guard/guard_state.h"

namespace ccp_relogin::helpdesk {

// True when a stop, a back-off or a sign-in in flight still running at
// `now_ms` was lifted (the audit line says so).
bool clear_stop_for_helpdesk(guard::GuardState& state, std::string_view profile, int64_t now_ms);

}  // namespace ccp_relogin::helpdesk
