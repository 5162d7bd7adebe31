#pragma once
// The loop-protection rules (docs/protocol.md, "Rules the host enforces"), as pure
// functions of the remembered state, the configuration, the time and a jitter
// sample. No I/O: the caller loads and saves GuardState (see state_store.h).
//
// Rules, in the order they are checked for an `expired` report:
//  1. a profile stopped for a loop stays stopped until `Stopped::untilMs`
//     (windowSeconds after the stop) or until reset_profile();
//  2. single flight: while a granted sign-in has not passed its deadline,
//     another expiry answers Wait "in-progress"; a sign-in past its deadline
//     counts as a failed attempt (a deadline further than timeoutSeconds
//     away, left by a clock stepped back, is pulled in to now + timeout);
//  3. an expiry within postLoginSeconds of a landed sign-in is a
//     misconfiguration, not an expiry: Stop "loop" with a diagnosis;
//  4. at most maxAttempts attempts start per windowSeconds: Stop
//     "attempts-exhausted", saying when the window frees;
//  5. attempt starts are spaced by a growing back-off
//     (base × 2^(n-1), capped, ± jitter): Wait "backoff";
//  6. otherwise Granted, recorded as the in-flight sign-in.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/backoff.h"
#include "config/config.h"
#include "guard/guard_state.h"

namespace ccp_relogin::guard {

struct Granted {
    int attempt = 0;
    std::string correlationId;
    int64_t deadlineMs = 0;
};

struct Wait {
    std::string reason;  // "in-progress" | "backoff"
    int64_t retryAfterMs = 0;
};

struct Stop {
    std::string reason;  // "loop" | "attempts-exhausted" | "idp-error" | "cancelled"
    std::string diagnosis;
    int64_t untilMs = 0;  // when a new attempt may be granted again (0: unknown)
};

using Decision = std::variant<Granted, Wait, Stop>;

// A uniform sample in [0, 1] (values outside are clamped). Tests pass
// constants; the host passes random_jitter() from random_source.h.
using Jitter = std::function<double()>;

// The spacing before attempt n+1 when n attempts have started in the window
// (base::backoff_delay_ms with n): 2 s doubling up to 1 min, ± 20 %.
inline constexpr base::Backoff kAttemptBackoff{
    .firstMs = 2000, .capMs = 60000, .jitterBelow = 0.2, .jitterAbove = 0.2, .hardCap = false};

// What the diagnoses need besides the profile: the relay state URL the
// Entra app should carry (federation::relay_state_url, built by the caller).
struct DecisionContext {
    const config::Profile& profile;
    const config::Guard& guard;
    int timeoutSeconds = 300;  // config::Relogin::timeoutSeconds
    std::string expectedRelayState;
    base::Backoff backoff = kAttemptBackoff;
};

// An `expired` report for ctx.profile. `correlationId` names the attempt if
// one is granted (generate it with new_correlation_id()).
Decision decide_expired(GuardState& state, const DecisionContext& ctx, int64_t now_ms,
                        const Jitter& jitter, std::string correlationId);

// A `failed` report for the sign-in `failedCorrelationId`: ends that sign-in
// as a failed attempt, then decides like decide_expired without the loop rule
// (a retry is Granted under `newCorrelationId`, or Wait "backoff" when the
// failure came sooner than the back-off, or Stop when attempts are used up).
// A report for an unknown or already-ended sign-in changes nothing but still
// decides (and answers Wait "in-progress" if another sign-in is under way).
Decision decide_failed(GuardState& state, const DecisionContext& ctx, int64_t now_ms,
                       const Jitter& jitter, std::string_view failedCorrelationId,
                       std::string newCorrelationId);

// The `failed` stage the extension reports when the agent closed the sign-in tab.
inline constexpr std::string_view kCancelledStage = "cancelled";

// A failed sign-in that must not be retried; the answer is a Stop:
// - stage "cancelled": the agent closed the sign-in tab on purpose. That
//   sign-in ends (if it is the one in flight) and no attempt is granted, but
//   nothing is held against the profile either: Stop "cancelled" with
//   untilMs 0 and no stop recorded, so the next expiry is decided afresh;
// - stage "connect" with expiry evidence: the whole login ran and Connect
//   still says the session expired (the same misconfigurations as an expiry
//   right after `landed`, so the same diagnosis), recorded as a stop like a loop;
// - evidence carrying an Entra error code (AADSTS…): the IdP refused the
//   sign-in (user not assigned, unknown app), and a retry gets the same
//   answer; recorded as a stop.
// Returns nullopt for failures worth retrying (network, timeout, …).
std::optional<Stop> stop_unrecoverable_failure(GuardState& state, const DecisionContext& ctx,
                                               int64_t now_ms, std::string_view failedCorrelationId,
                                               std::string_view stage, std::string_view evidence);

// A `landed` report: ends the in-flight sign-in with that correlation ID
// (even past its deadline) and remembers when it landed. False if no such
// sign-in is in flight for the profile.
bool record_landed(GuardState& state, std::string_view profile, std::string_view correlationId,
                   int64_t now_ms);

// Helpdesk "relogin" / the popup's "Sign in again": forget the stop, the
// back-off and the attempt history of one profile (not an in-flight sign-in).
void reset_profile(GuardState& state, std::string_view profile);

// The loop diagnosis text (exposed for tests and `doctor`).
std::string loop_diagnosis(const config::Profile& profile, std::string_view expectedRelayState,
                           int postLoginSeconds);

// What `status` shows: per profile, attempts, in-flight sign-in, last landing,
// back-off and stop, with times relative to now_ms where that helps.
nlohmann::json status_json(const GuardState& state, int64_t now_ms);

}  // namespace ccp_relogin::guard
