#pragma once
// What the helpdesk socket does with a request line: parse it
// (helpdesk/request.h), answer status from the guard state and the current
// configuration, and for relogin lift the profile's stop (helpdesk/guard_override.h)
// and push `force-relogin` to the extension. No sockets here: the server
// (helpdesk/server.h) hands over lines; everything else is injected, so the
// unit tests use a temporary state directory, a fake clock and a recording
// pusher.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "audit/audit_sink.h"
#include "base/clock.h"
#include "guard/state_store.h"
#include "helpdesk/config_snapshot.h"
#include "helpdesk/peer_credentials.h"
#include "helpdesk/relogin_watch.h"
#include "helpdesk/reply.h"
#include "helpdesk/request.h"
#include "helpdesk/server.h"

namespace ccp_relogin::helpdesk {

// Writes one frame to the extension; false when the port is closed.
using FramePusher = std::function<bool(const nlohmann::json& frame)>;
using audit::AuditSink;

struct HelpdeskCollaborators {
    RunningHost host;
    const ConfigSnapshot& config;
    guard::StateStore& state;  // the socket thread's own store (one per thread)
    const base::Clock& clock;
    AuditSink audit;
    FramePusher push;
    // What became of forced re-logins (relogin --wait); nullptr: a waiting
    // request is answered at once, like one that does not wait.
    ReloginWatch* watch = nullptr;
};

class HelpdeskService {
  public:
    explicit HelpdeskService(HelpdeskCollaborators collaborators);

    // The answer to one request line (without its newline) from `peer`: a
    // reply now, or for relogin with wait a Deferred one (helpdesk/server.h).
    // Never throws: anything unexpected becomes an `internal` error reply.
    HandlerAnswer respond(std::string_view line, const PeerCredentials& peer);
    // respond() for a line answered at once (an `internal` error for one that waits).
    nlohmann::json answer(std::string_view line, const PeerCredentials& peer);

    // Audits a connection refused because of who the peer is.
    void record_refused(const std::optional<PeerCredentials>& peer);

  private:
    HandlerAnswer answer_request(const HelpdeskRequest& request, const nlohmann::json& who);
    nlohmann::json on_status(const nlohmann::json& who);
    HandlerAnswer on_relogin(const ReloginRequest& request, const nlohmann::json& who);
    // The profiles a relogin names, their stops lifted; or the refusal to reply.
    std::variant<std::vector<std::string>, nlohmann::json> relogin_targets(
        const ReloginRequest& request, const config::Config& config, nlohmann::json& audit);
    // Pushes force-relogin for each and audits; the refusal if the port is gone.
    std::optional<nlohmann::json> push_all(const std::vector<std::string>& targets,
                                           const std::string& reason, nlohmann::json& audit);
    HandlerAnswer relogin_and_wait(const ReloginRequest& request, std::vector<std::string> targets,
                                   nlohmann::json audit);
    // Lifts the stop of each profile; the names whose stop was lifted.
    std::vector<std::string> lift_stops(const std::vector<std::string>& profiles,
                                        nlohmann::json& audit);

    HelpdeskCollaborators c_;
};

}  // namespace ccp_relogin::helpdesk
