#include "guard/guard_policy.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "federation/relay_state.h"

namespace ccp_relogin::guard {
namespace {

int64_t seconds_to_ms(int seconds) { return static_cast<int64_t>(seconds) * 1000; }

// Whole seconds, rounded up, for diagnoses people read.
int64_t ms_to_seconds_ceil(int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

ProfileRecord& record_for(GuardState& state, std::string_view profile) {
    auto it = state.profiles.find(profile);
    if (it == state.profiles.end())
        it = state.profiles.emplace(std::string(profile), ProfileRecord{}).first;
    return it->second;
}

// Drops attempts that left the window. A clock that went backwards must not
// stretch a wait without end, so times in the future are pulled back to now.
void normalize(ProfileRecord& rec, const DecisionContext& ctx, int64_t now) {
    const int64_t windowMs = seconds_to_ms(ctx.guard.windowSeconds);
    for (auto& t : rec.attemptsMs) t = std::min(t, now);
    std::erase_if(rec.attemptsMs, [&](int64_t t) { return t <= now - windowMs; });
    rec.blockedUntilMs = std::min(rec.blockedUntilMs, now + base::longest_backoff_ms(ctx.backoff));
    // No sign-in granted now could run longer than the timeout: one granted
    // while the clock ran ahead must not block for the size of the step.
    if (rec.inFlight)
        rec.inFlight->deadlineMs =
            std::min(rec.inFlight->deadlineMs, now + seconds_to_ms(ctx.timeoutSeconds));
    if (rec.stopped) {
        rec.stopped->untilMs = std::min(rec.stopped->untilMs, now + windowMs);
        if (rec.stopped->untilMs <= now) rec.stopped.reset();
    }
    // A landing "in the future" after a small step back is still recent; after a
    // big jump nothing can be said about it, and a false loop stop is worse.
    if (rec.lastLandedMs && *rec.lastLandedMs > now) {
        if (*rec.lastLandedMs - now > seconds_to_ms(ctx.guard.postLoginSeconds))
            rec.lastLandedMs.reset();
        else
            rec.lastLandedMs = now;
    }
}

Stop stop_from(const Stopped& s) { return Stop{s.reason, s.diagnosis, s.untilMs}; }

std::string exhausted_diagnosis(const DecisionContext& ctx, int attempts, int64_t waitMs) {
    return "Stopped signing in again for profile \"" + ctx.profile.name +
           "\": " + std::to_string(attempts) + " sign-in attempts started in the last " +
           std::to_string(ctx.guard.windowSeconds) + " s (guard.maxAttempts " +
           std::to_string(ctx.guard.maxAttempts) + " per guard.windowSeconds " +
           std::to_string(ctx.guard.windowSeconds) + "). The next attempt is allowed in " +
           std::to_string(ms_to_seconds_ceil(waitMs)) + " s.";
}

// Rules 4–6: the attempt limit, the back-off, then a grant.
Decision next_attempt(ProfileRecord& rec, const DecisionContext& ctx, int64_t now,
                      const Jitter& jitter, std::string correlationId) {
    const auto used = static_cast<int>(rec.attemptsMs.size());
    if (used >= ctx.guard.maxAttempts) {
        // The window frees when the attempt that put us at the limit leaves it.
        const int64_t freesAt =
            ctx.guard.maxAttempts > 0
                ? rec.attemptsMs[static_cast<std::size_t>(used - ctx.guard.maxAttempts)] +
                      seconds_to_ms(ctx.guard.windowSeconds)
                : 0;
        return Stop{"attempts-exhausted", exhausted_diagnosis(ctx, used, freesAt - now), freesAt};
    }
    if (now < rec.blockedUntilMs) return Wait{"backoff", rec.blockedUntilMs - now};

    const int attempt = used + 1;
    const int64_t deadline = now + seconds_to_ms(ctx.timeoutSeconds);
    rec.attemptsMs.push_back(now);
    rec.inFlight = InFlight{correlationId, now, deadline, attempt};
    rec.blockedUntilMs =
        now + base::backoff_delay_ms(attempt, jitter ? jitter() : 0.5, ctx.backoff);
    rec.stopped.reset();
    return Granted{attempt, std::move(correlationId), deadline};
}

std::string instance_arn(const config::Instance& instance) {
    const char* partition =
        instance.partition == config::Partition::kAwsUsGov ? "aws-us-gov" : "aws";
    return std::string("arn:") + partition + ":connect:" + instance.region +
           ":<account>:instance/" + instance.id;
}

}  // namespace

std::string loop_diagnosis(const config::Profile& profile, std::string_view expectedRelayState,
                           int postLoginSeconds) {
    const auto& in = profile.instance;
    return "Connect reported the session expired within " + std::to_string(postLoginSeconds) +
           " s of a completed sign-in for profile \"" + profile.name + "\" (instance " + in.id +
           ", region " + in.region +
           "): this is a misconfiguration, not an expiry, so ccp-relogin stopped. Usual causes: "
           "(1) the IAM role the Entra app signs in with lacks connect:GetFederationToken on "
           "instance " +
           in.id + " (" + instance_arn(in) + "); (2) the Entra app's " +
           (in.globalResiliency ? "ACS URL" : "relay state") + " points elsewhere: it must be " +
           std::string(expectedRelayState) +
           "; (3) inside a custom CCP, the browser blocks third-party cookies for the Connect "
           "domain " +
           federation::connect_host(in) +
           ", so the frame can't keep the new session (allow them for the custom CCP with the "
           "CookiesAllowedForUrls policy).";
}

Decision decide_expired(GuardState& state, const DecisionContext& ctx, int64_t now_ms,
                        const Jitter& jitter, std::string correlationId) {
    auto& rec = record_for(state, ctx.profile.name);
    normalize(rec, ctx, now_ms);
    if (rec.stopped) return stop_from(*rec.stopped);
    if (rec.inFlight) {
        if (now_ms < rec.inFlight->deadlineMs)
            return Wait{"in-progress", rec.inFlight->deadlineMs - now_ms};
        rec.inFlight.reset();  // past its deadline: a failed attempt (already counted)
    }
    if (rec.lastLandedMs &&
        now_ms - *rec.lastLandedMs < seconds_to_ms(ctx.guard.postLoginSeconds)) {
        rec.stopped = Stopped{
            "loop", loop_diagnosis(ctx.profile, ctx.expectedRelayState, ctx.guard.postLoginSeconds),
            now_ms + seconds_to_ms(ctx.guard.windowSeconds)};
        return stop_from(*rec.stopped);
    }
    return next_attempt(rec, ctx, now_ms, jitter, std::move(correlationId));
}

Decision decide_failed(GuardState& state, const DecisionContext& ctx, int64_t now_ms,
                       const Jitter& jitter, std::string_view failedCorrelationId,
                       std::string newCorrelationId) {
    auto& rec = record_for(state, ctx.profile.name);
    normalize(rec, ctx, now_ms);
    if (rec.inFlight) {
        const bool reported = rec.inFlight->correlationId == failedCorrelationId;
        if (!reported && now_ms < rec.inFlight->deadlineMs)
            return Wait{"in-progress", rec.inFlight->deadlineMs - now_ms};
        rec.inFlight.reset();
    }
    if (rec.stopped) return stop_from(*rec.stopped);
    return next_attempt(rec, ctx, now_ms, jitter, std::move(newCorrelationId));
}

namespace {

bool contains_case_insensitive(std::string_view text, std::string_view word) {
    return std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           }) != text.end();
}

// "AADSTS50105" out of evidence such as "idp-error: AADSTS50105"; empty if none.
std::string entra_error_code(std::string_view evidence) {
    const auto at = evidence.find("AADSTS");
    if (at == std::string_view::npos) return {};
    std::size_t end = at + 6;
    while (end < evidence.size() && end - at < 16 &&
           std::isdigit(static_cast<unsigned char>(evidence[end])))
        ++end;
    return end > at + 6 ? std::string(evidence.substr(at, end - at)) : std::string();
}

std::string idp_error_diagnosis(const config::Profile& profile, const std::string& code) {
    return "Entra ID refused the sign-in for profile \"" + profile.name + "\" with " + code +
           " (Entra app " + profile.entra.appId + ", tenant " + profile.entra.tenantId +
           "). Retrying gets the same answer. Usual causes: the agent is not assigned to the "
           "Entra app (AADSTS50105), or the app or tenant ID in the configuration is wrong "
           "(AADSTS700016, AADSTS90002). Look the code up in Entra's sign-in logs.";
}

// The agent closed the sign-in tab: that sign-in ends and no retry starts.
// Nothing is held against the profile (no stop, no untilMs), so the next
// expiry, in any browser profile, is decided afresh by the usual rules.
Stop end_cancelled_sign_in(GuardState& state, const DecisionContext& ctx,
                           std::string_view cancelledCorrelationId) {
    auto& rec = record_for(state, ctx.profile.name);
    if (rec.inFlight && rec.inFlight->correlationId == cancelledCorrelationId) rec.inFlight.reset();
    return Stop{std::string(kCancelledStage),
                "The agent closed the sign-in tab for profile \"" + ctx.profile.name +
                    "\": that sign-in has ended and no other starts for it. The next expiry is "
                    "decided afresh.",
                0};
}

}  // namespace

std::optional<Stop> stop_unrecoverable_failure(GuardState& state, const DecisionContext& ctx,
                                               int64_t now_ms, std::string_view failedCorrelationId,
                                               std::string_view stage, std::string_view evidence) {
    if (stage == kCancelledStage) return end_cancelled_sign_in(state, ctx, failedCorrelationId);
    std::optional<Stopped> stopped;
    if (const std::string code = entra_error_code(evidence); !code.empty()) {
        stopped = Stopped{"idp-error", idp_error_diagnosis(ctx.profile, code), 0};
    } else if (stage == "connect" && contains_case_insensitive(evidence, "expired")) {
        stopped = Stopped{
            "loop", loop_diagnosis(ctx.profile, ctx.expectedRelayState, ctx.guard.postLoginSeconds),
            0};
    }
    if (!stopped) return std::nullopt;
    auto& rec = record_for(state, ctx.profile.name);
    if (rec.inFlight && rec.inFlight->correlationId == failedCorrelationId) rec.inFlight.reset();
    stopped->untilMs = now_ms + seconds_to_ms(ctx.guard.windowSeconds);
    rec.stopped = stopped;
    return stop_from(*rec.stopped);
}

bool record_landed(GuardState& state, std::string_view profile, std::string_view correlationId,
                   int64_t now_ms) {
    auto it = state.profiles.find(profile);
    if (it == state.profiles.end()) return false;
    auto& rec = it->second;
    if (!rec.inFlight || rec.inFlight->correlationId != correlationId) return false;
    rec.inFlight.reset();
    rec.lastLandedMs = now_ms;
    rec.lastLandedCorrelationId = std::string(correlationId);
    return true;
}

void reset_profile(GuardState& state, std::string_view profile) {
    auto it = state.profiles.find(profile);
    if (it == state.profiles.end()) return;
    auto& rec = it->second;
    rec.attemptsMs.clear();
    rec.blockedUntilMs = 0;
    rec.stopped.reset();
    rec.lastLandedMs.reset();
    rec.lastLandedCorrelationId.clear();
}

nlohmann::json status_json(const GuardState& state, int64_t now_ms) {
    nlohmann::json profiles = nlohmann::json::object();
    for (const auto& [name, rec] : state.profiles) {
        nlohmann::json p = {
            {"attemptsMs", rec.attemptsMs},
            {"backoffRemainingMs", std::max<int64_t>(0, rec.blockedUntilMs - now_ms)},
            {"inFlight", nullptr},
            {"lastLandedMs", nullptr},
            {"stopped", nullptr}};
        if (rec.inFlight)
            p["inFlight"] = {{"correlationId", rec.inFlight->correlationId},
                             {"attempt", rec.inFlight->attempt},
                             {"startedMs", rec.inFlight->startedMs},
                             {"deadlineMs", rec.inFlight->deadlineMs},
                             {"overdue", now_ms >= rec.inFlight->deadlineMs}};
        if (rec.lastLandedMs) {
            p["lastLandedMs"] = *rec.lastLandedMs;
            p["lastLandedCorrelationId"] = rec.lastLandedCorrelationId;
        }
        if (rec.stopped && rec.stopped->untilMs > now_ms)
            p["stopped"] = {{"reason", rec.stopped->reason},
                            {"diagnosis", rec.stopped->diagnosis},
                            {"untilMs", rec.stopped->untilMs}};
        profiles[name] = std::move(p);
    }
    return {{"nowMs", now_ms}, {"profiles", std::move(profiles)}};
}

}  // namespace ccp_relogin::guard
