#include "helpdesk/service.h"

#include <chrono>
#include <exception>
#include <utility>
#include <variant>

#include "helpdesk/guard_override.h"
#include "helpdesk/wire_protocol.h"
#include "protocol/replies.h"

namespace ccp_relogin::helpdesk {
namespace {

using nlohmann::json;

// The peer's account as the system names it: a uid on POSIX, a SID on
// Windows (helpdesk/peer_credentials.h).
#ifdef _WIN32
constexpr const char* kPeerUserField = "peerSid";
#else
constexpr const char* kPeerUserField = "peerUid";
#endif

json peer_json(const std::optional<PeerCredentials>& peer) {
    if (!peer) return {{kPeerUserField, nullptr}};
    json who = {{kPeerUserField, user_of(*peer)}};
    if (peer->pid) who["peerPid"] = *peer->pid;
    return who;
}

json audit_event(std::string_view event, const json& who) {
    json line = who;
    line["event"] = event;
    return line;
}

std::vector<std::string> profile_names(const config::Config& config) {
    std::vector<std::string> names;
    for (const auto& profile : config.profiles) names.push_back(profile.name);
    return names;
}

}  // namespace

HelpdeskService::HelpdeskService(HelpdeskCollaborators collaborators)
    : c_(std::move(collaborators)) {}

json HelpdeskService::answer(std::string_view line, const PeerCredentials& peer) {
    auto answer = respond(line, peer);
    if (auto* now = std::get_if<json>(&answer)) return *now;
    return helpdesk_error_reply(c_.host.pid, helpdesk_error::kInternal,
                                "a waiting request needs the socket server");
}

HandlerAnswer HelpdeskService::respond(std::string_view line, const PeerCredentials& peer) {
    const json who = peer_json(peer);
    try {
        return answer_request(parse_helpdesk_request(line), who);
    } catch (const std::exception& e) {
        c_.audit(audit_event("helpdesk-error", who));
        return helpdesk_error_reply(
            c_.host.pid, helpdesk_error::kInternal,
            std::string("the host failed to handle the request: ") + e.what());
    }
}

void HelpdeskService::record_refused(const std::optional<PeerCredentials>& peer) {
    c_.audit(audit_event("helpdesk-refused", peer_json(peer)));
}

HandlerAnswer HelpdeskService::answer_request(const HelpdeskRequest& request, const json& who) {
    if (const auto* error = std::get_if<RequestError>(&request)) {
        json event = audit_event("helpdesk-invalid", who);
        event["error"] = error->code;
        c_.audit(event);
        return helpdesk_error_reply(c_.host.pid, error->code, error->message);
    }
    if (std::holds_alternative<StatusRequest>(request)) return on_status(who);
    return on_relogin(std::get<ReloginRequest>(request), who);
}

json HelpdeskService::on_status(const json& who) {
    c_.audit(audit_event("helpdesk-status", who));
    const auto config = c_.config.current();
    try {
        return status_reply(c_.host, *config, c_.state.read(), c_.clock.now_ms());
    } catch (const guard::StateUnavailable& e) {
        // Still say who we are and what is configured; the guard part is unknown.
        json reply = status_reply(c_.host, *config, guard::GuardState{}, c_.clock.now_ms());
        reply["guardError"] = e.what();
        return reply;
    }
}

std::variant<std::vector<std::string>, json> HelpdeskService::relogin_targets(
    const ReloginRequest& request, const config::Config& config, json& event) {
    std::vector<std::string> targets;
    if (request.profile) {
        if (!config.find_profile(*request.profile)) {
            event["error"] = helpdesk_error::kUnknownProfile;
            c_.audit(event);
            return unknown_profile_reply(c_.host.pid, *request.profile, profile_names(config));
        }
        targets.push_back(*request.profile);
    } else {
        targets = profile_names(config);
    }
    if (targets.empty()) {
        event["error"] = helpdesk_error::kNoProfiles;
        c_.audit(event);
        return helpdesk_error_reply(c_.host.pid, helpdesk_error::kNoProfiles,
                                    "this host has no profile configured; run "
                                    "\"ccp-relogin check-config\" on the agent's machine");
    }
    // The stop goes first, so the `expired` the extension answers with is
    // decided on the lifted state.
    event["stopsLifted"] = lift_stops(targets, event);
    return targets;
}

std::optional<json> HelpdeskService::push_all(const std::vector<std::string>& targets,
                                              const std::string& reason, json& event) {
    std::vector<std::string> pushed;
    for (const auto& name : targets) {
        if (!c_.push(protocol::force_relogin_message(name, reason))) {
            event["pushed"] = pushed;
            event["error"] = helpdesk_error::kBrowserGone;
            c_.audit(event);
            return helpdesk_error_reply(c_.host.pid, helpdesk_error::kBrowserGone,
                                        "the browser closed its port to this host; the "
                                        "extension will start a new one");
        }
        pushed.push_back(name);
    }
    event["pushed"] = pushed;
    event["kind"] = "helpdesk-forced";  // protocol/audit_kind.h's word for it
    c_.audit(event);
    return std::nullopt;
}

HandlerAnswer HelpdeskService::on_relogin(const ReloginRequest& request, const json& who) {
    const auto config = c_.config.current();
    json event = audit_event("helpdesk-relogin", who);
    event["profile"] = request.profile ? json(*request.profile) : json(nullptr);
    event["reason"] = request.reason;
    if (request.wait) event["wait"] = true;

    auto targets = relogin_targets(request, *config, event);
    if (auto* refused = std::get_if<json>(&targets)) return *refused;
    auto names = std::get<std::vector<std::string>>(std::move(targets));
    if (request.wait && c_.watch) return relogin_and_wait(request, std::move(names), event);
    if (auto refused = push_all(names, request.reason, event)) return *refused;
    return relogin_reply(c_.host.pid, names);
}

// The watch is registered before the push, so an answer that comes at once
// is not missed; the reply goes out when the watch is done, or at the timeout.
HandlerAnswer HelpdeskService::relogin_and_wait(const ReloginRequest& request,
                                                std::vector<std::string> targets, json event) {
    const auto timeout = std::chrono::milliseconds(
                             std::int64_t{c_.config.current()->relogin.timeoutSeconds} * 1000) +
                         kForcedReloginGrace;
    json on_timeout = helpdesk_error_reply(
        c_.host.pid, helpdesk_error::kTimeout,
        "no landing or stop within " + std::to_string(timeout.count() / 1000) + " s");
    on_timeout["pushed"] = targets;
    return Deferred{.timeout = timeout,
                    .on_timeout = std::move(on_timeout),
                    .start = [this, targets = std::move(targets), reason = request.reason,
                              event = std::move(event)](LateReply late) mutable {
                        const long pid = c_.host.pid;
                        AuditSink audit = c_.audit;
                        const auto id = c_.watch->watch(targets, [late, pid, targets,
                                                                  audit](const json& outcome) {
                            audit({{"event", "helpdesk-relogin-outcome"}, {"outcome", outcome}});
                            late.send(relogin_outcome_reply(pid, targets, outcome));
                        });
                        if (auto refused = push_all(targets, reason, event)) {
                            c_.watch->cancel(id);
                            late.send(*refused);
                        }
                    }};
}

std::vector<std::string> HelpdeskService::lift_stops(const std::vector<std::string>& profiles,
                                                     json& audit) {
    std::vector<std::string> lifted;
    try {
        c_.state.update([&](guard::GuardState& state) {
            const int64_t now = c_.clock.now_ms();
            for (const auto& name : profiles)
                if (clear_stop_for_helpdesk(state, name, now)) lifted.push_back(name);
        });
    } catch (const guard::StateUnavailable& e) {
        // The push still goes out: the extension's `expired` then meets the
        // same unavailable state and is answered with a stop that says so.
        audit["guardError"] = e.what();
        lifted.clear();  // nothing was written
    }
    return lifted;
}

}  // namespace ccp_relogin::helpdesk
