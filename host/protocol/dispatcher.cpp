#include "protocol/dispatcher.h"

#include <utility>
#include <variant>

#include "base/url.h"
#include "federation/global_sign_in.h"
#include "federation/profile_match.h"
#include "federation/relay_state.h"
#include "federation/return_url.h"
#include "protocol/audit_kind.h"
#include "protocol/cookie_rule.h"
#include "protocol/protocol_error.h"
#include "protocol/replies.h"
#include "protocol/session_report.h"
#include "protocol/sign_in_stall.h"
#include "version.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

// The host part of a page URL, for diagnoses: enough to see which page it
// was, without repeating page-controlled paths and queries.
std::string host_of(const std::string& url) {
    const auto parsed = base::parse_url(url);
    return parsed ? parsed->host : std::string("(not a URL)");
}

std::string decision_name(const json& reply) { return reply.value("type", ""); }

json expired_audit_fields(const Expired& e) {
    json fields = {{"tabUrl", e.tabUrl},
                   {"frameUrl", e.frameUrl},
                   {"signal", to_string(e.signal)},
                   {"evidence", e.evidence}};
    if (e.profile) fields["profile"] = *e.profile;
    return fields;
}

// Every request the host cannot serve because the state directory is
// unusable gets the same answer: loop protection needs that directory, so no
// sign-in, landing or status can be trusted without it.
json state_unavailable_stop(const guard::StateUnavailable& e, std::string_view profile = "") {
    return stop_reply("state-unavailable", e.what(), profile);
}

}  // namespace

Dispatcher::Dispatcher(Collaborators collaborators, config::LoadedConfig initial)
    : c_(std::move(collaborators)), loaded_(std::move(initial)) {}

json Dispatcher::handle(const Request& request) {
    json reply = std::visit(
        [this](const auto& body) -> json {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, Hello>) return on_hello(body);
            if constexpr (std::is_same_v<T, Expired>) return on_expired(body);
            if constexpr (std::is_same_v<T, Landed>) return on_landed(body);
            if constexpr (std::is_same_v<T, Failed>) return on_failed(body);
            if constexpr (std::is_same_v<T, StatusQuery>) return on_status();
            if constexpr (std::is_same_v<T, CookieRule>) return on_cookie_rule(body);
            // Only recorded, nothing to decide.
            if constexpr (std::is_same_v<T, SignInStalled>)
                return audited("sign-in-stalled", sign_in_stall_audit_fields(body),
                               sign_in_stall_reply());
            if constexpr (std::is_same_v<T, SessionReport>)
                return audited("session", session_audit_fields(body), session_reply());
        },
        request.body);
    if (request.id) reply["re"] = *request.id;
    return reply;
}

json Dispatcher::on_hello(const Hello& hello) {
    policy_ = hello.policy;
    loaded_ = c_.load_config(policy_ ? &*policy_ : nullptr);
    json reply = welcome_reply(loaded_.config, loaded_.problems);
    // A hello comes with every start of the host (each sendNativeMessage is
    // one): in the audit trail only when the configuration it loaded has
    // problems, for the administrator to find; else it would bury the
    // decisions and hold up every start's answer (README.md, "Benchmarks").
    if (!loaded_.problems.empty())
        c_.audit({{"event", "config-problem"},
                  {"browser", hello.browser},
                  {"extensionVersion", hello.extensionVersion},
                  {"policy", policy_.has_value()},
                  {"profiles", loaded_.config.profiles.size()},
                  {"problems", reply["problems"]}});
    return reply;
}

const config::Profile* Dispatcher::profile_for(const Expired& expired) const {
    // Named by the extension (a forced or manual re-login has no page to
    // choose from): used when it is a configured profile.
    if (expired.profile)
        if (const auto* named = loaded_.config.find_profile(*expired.profile)) return named;
    // The frame is where the expiry showed; inside a custom CCP it is the
    // Connect iframe, the better evidence of which instance this is.
    const config::Profile* profile = federation::match_profile(loaded_.config, expired.frameUrl);
    // A Connect frame that matches no profile is an instance not configured
    // here: the tab's profile would sign the agent in to another instance.
    if (!profile && !federation::is_connect_page(expired.frameUrl))
        profile = federation::match_profile(loaded_.config, expired.tabUrl);
    return profile;
}

json Dispatcher::on_expired(const Expired& expired) {
    const config::Profile* profile = profile_for(expired);

    json reply;
    if (!profile) {
        reply = no_profile_stop(expired);
    } else {
        const auto ctx = decision_context(*profile);
        try {
            const guard::Decision decision = c_.state.update([&](guard::GuardState& s) {
                return guard::decide_expired(s, ctx, c_.clock.now_ms(), c_.jitter,
                                             c_.new_correlation_id());
            });
            const std::string return_url = federation::choose_return_url(*profile, expired.tabUrl);
            remember(decision, profile->name, return_url);
            reply = decision_reply(decision, *profile, return_url);
        } catch (const guard::StateUnavailable& e) {
            reply = state_unavailable_stop(e, profile->name);
        }
    }
    return audited("expired", expired_audit_fields(expired), std::move(reply));
}

json Dispatcher::on_landed(const Landed& landed) {
    json request = {{"correlationId", landed.correlationId}, {"url", landed.url}};
    // How long the agent waited: from the sign-in granted to its landing.
    std::optional<int64_t> sign_in_ms;
    // The profile whose sign-in this was, if it is in flight (now ended) or
    // is the one that landed last (the same report again: answer again).
    std::optional<std::string> landed_profile;
    try {
        landed_profile = c_.state.update([&](guard::GuardState& s) -> std::optional<std::string> {
            const auto name = profile_of_sign_in(s, landed.correlationId);
            if (!name) return std::nullopt;
            const auto& in_flight = s.profiles[*name].inFlight;
            const int64_t started = in_flight ? in_flight->startedMs : 0;
            if (guard::record_landed(s, *name, landed.correlationId, c_.clock.now_ms())) {
                sign_in_ms = c_.clock.now_ms() - started;
                return name;
            }
            const auto it = s.profiles.find(*name);
            if (it != s.profiles.end() &&
                it->second.lastLandedCorrelationId == landed.correlationId)
                return name;
            return std::nullopt;
        });
    } catch (const guard::StateUnavailable& e) {
        return audited("landed", request, state_unavailable_stop(e));
    }

    const config::Profile* profile =
        landed_profile ? loaded_.config.find_profile(*landed_profile) : nullptr;
    json reply;
    if (!profile) {
        reply = error_reply({std::string(error_code::kUnknownCorrelation),
                             "landed.correlationId names no sign-in under way for a configured "
                             "profile",
                             "correlationId"},
                            std::nullopt);
    } else {
        reply = return_reply(landed.correlationId,
                             remembered_return_url(landed.correlationId, *profile), profile->name);
    }
    if (sign_in_ms) request["signInMs"] = *sign_in_ms;
    return audited("landed", request, std::move(reply));
}

json Dispatcher::on_failed(const Failed& failed) {
    json reply;
    try {
        const auto name = profile_of_sign_in(c_.state.read(), failed.correlationId);
        const config::Profile* profile = name ? loaded_.config.find_profile(*name) : nullptr;
        if (!profile) {
            reply = error_reply(
                {std::string(error_code::kUnknownCorrelation),
                 "failed.correlationId names no sign-in of a configured profile", "correlationId"},
                std::nullopt);
        } else {
            const auto ctx = decision_context(*profile);
            const guard::Decision decision = c_.state.update([&](guard::GuardState& s) {
                const int64_t now = c_.clock.now_ms();
                if (auto stop = guard::stop_unrecoverable_failure(s, ctx, now, failed.correlationId,
                                                                  failed.stage, failed.evidence))
                    return guard::Decision{*stop};
                return guard::decide_failed(s, ctx, now, c_.jitter, failed.correlationId,
                                            c_.new_correlation_id());
            });
            const std::string return_url = remembered_return_url(failed.correlationId, *profile);
            remember(decision, profile->name, return_url);
            reply = decision_reply(decision, *profile, return_url);
        }
    } catch (const guard::StateUnavailable& e) {
        reply = state_unavailable_stop(e);
    }
    return audited("failed",
                   {{"correlationId", failed.correlationId},
                    {"stage", failed.stage},
                    {"url", failed.url},
                    {"evidence", failed.evidence}},
                   std::move(reply));
}

json Dispatcher::on_status() {
    json reply;
    try {
        reply = guard::status_json(c_.state.read(), c_.clock.now_ms());
    } catch (const guard::StateUnavailable& e) {
        return audited("status", json::object(), state_unavailable_stop(e));
    }
    json configured = json::array();
    for (const auto& p : loaded_.config.profiles) configured.push_back(p.name);
    reply["type"] = "status";
    reply["hostVersion"] = kVersion;
    reply["configuredProfiles"] = std::move(configured);
    reply["configSources"] = loaded_.sources;
    reply["problems"] = problems_json(loaded_.problems);
    // A status that could be answered decided nothing, so it is not in the
    // audit trail (the popup and doctor ask often); one that could not is.
    return reply;
}

// The extension changed a browser cookie rule: only recorded, nothing to decide.
json Dispatcher::on_cookie_rule(const CookieRule& rule) {
    return audited("cookie-rule", cookie_rule_audit_fields(rule),
                   recorded_reply(cookie_rule_is_configured(rule, loaded_.config)));
}

json Dispatcher::audited(std::string_view event, json request, json reply) const {
    c_.audit({{"event", event},
              {"kind", audit_kind(event, request, reply)},
              {"request", std::move(request)},
              {"decision", decision_name(reply)},
              {"reply", reply}});
    if (c_.on_decision && (event == "expired" || event == "landed" || event == "failed"))
        c_.on_decision(reply);
    return reply;
}

guard::DecisionContext Dispatcher::decision_context(const config::Profile& profile) const {
    return guard::DecisionContext{
        .profile = profile,
        .guard = loaded_.config.guard,
        .timeoutSeconds = loaded_.config.relogin.timeoutSeconds,
        .expectedRelayState = federation::sign_in_target(profile),
    };
}

std::optional<std::string> Dispatcher::profile_of_sign_in(const guard::GuardState& state,
                                                          const std::string& id) const {
    for (const auto& [name, record] : state.profiles) {
        if (record.inFlight && record.inFlight->correlationId == id) return name;
        if (record.lastLandedCorrelationId == id) return name;
    }
    const auto it = granted_.find(id);
    if (it != granted_.end()) return it->second.profile;
    return std::nullopt;
}

std::string Dispatcher::remembered_return_url(const std::string& id,
                                              const config::Profile& profile) const {
    const auto it = granted_.find(id);
    if (it != granted_.end() && it->second.profile == profile.name) return it->second.returnUrl;
    // Granted by another host process: the profile's default target.
    return federation::choose_return_url(profile, "");
}

void Dispatcher::remember(const guard::Decision& decision, const std::string& profile,
                          const std::string& return_url) {
    const auto* granted = std::get_if<guard::Granted>(&decision);
    if (!granted) return;
    if (granted_order_.size() == kRememberedSignIns) {
        granted_.erase(granted_order_.front());
        granted_order_.pop_front();
    }
    granted_[granted->correlationId] = {profile, return_url};
    granted_order_.push_back(granted->correlationId);
}

json Dispatcher::no_profile_stop(const Expired& expired) const {
    std::string diagnosis;
    if (loaded_.config.profiles.empty()) {
        diagnosis = "No profile is configured";
        if (!loaded_.problems.empty())
            diagnosis += " (the configuration has " + std::to_string(loaded_.problems.size()) +
                         " problems; run `ccp-relogin check-config`)";
        diagnosis += ".";
    } else {
        diagnosis = "No configured profile matches this page (frame on " +
                    host_of(expired.frameUrl) + ", tab on " + host_of(expired.tabUrl) + ")";
        // The name came from the extension's own configuration view; a host
        // with other configuration (another policy, an older file) lacks it.
        if (expired.profile)
            diagnosis += " and this host has no profile named \"" + *expired.profile + "\"";
        diagnosis += ". Configured profiles:";
        for (const auto& p : loaded_.config.profiles)
            diagnosis += " " + p.name + " (" + federation::connect_origin(p.instance) + ")";
        diagnosis += ".";
    }
    return stop_reply("no-profile", diagnosis);
}

}  // namespace ccp_relogin::protocol
