#include "helpdesk/helpdesk.h"

#include <exception>
#include <utility>

#include "audit/audit_trail.h"
#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

// The socket thread's audit lines carry the extension ID like the session's.
AuditSink tagged(AuditSink audit, std::string extension_id) {
    return [audit = std::move(audit),
            extension_id = std::move(extension_id)](const nlohmann::json& event) {
        nlohmann::json line = event;
        line["extensionId"] = extension_id;
        if (audit) audit(line);
    };
}

AuditSink local_audit_log(const std::filesystem::path& state_dir) {
    auto trail = std::make_shared<audit::AuditTrail>(state_dir);
    return [trail](const nlohmann::json& event) { trail->record(event); };
}

std::filesystem::path prepared_socket_path(const std::filesystem::path& state_dir, long pid) {
    const auto dir = ipc_dir_of(state_dir);
    prepare_ipc_dir(dir);
    return socket_path_for(dir, pid);
}

}  // namespace

Helpdesk::Helpdesk(const std::filesystem::path& state_dir, RunningHost host,
                   const ConfigSnapshot& config, FramePusher push, ServerOptions options)
    : Helpdesk(state_dir, std::move(host), config, std::move(push), local_audit_log(state_dir),
               options) {}

Helpdesk::Helpdesk(const std::filesystem::path& state_dir, RunningHost host,
                   const ConfigSnapshot& config, FramePusher push, AuditSink audit,
                   ServerOptions options, ReloginWatch* watch)
    : state_(state_dir),
      service_(HelpdeskCollaborators{.host = host,
                                     .config = config,
                                     .state = state_,
                                     .clock = base::system_clock(),
                                     .audit = tagged(std::move(audit), host.extensionId),
                                     .push = std::move(push),
                                     .watch = watch}),
      server_(
          prepared_socket_path(state_dir, host.pid),
          [this](std::string_view line, const PeerCredentials& peer) {
              return service_.respond(line, peer);
          },
          [this](const std::optional<PeerCredentials>& peer) { service_.record_refused(peer); },
          [pid = host.pid] {
              return helpdesk_error_reply(
                  pid, helpdesk_error::kTooLong,
                  "the request line is longer than " + std::to_string(kMaxRequestBytes) + " bytes");
          },
          options) {}

std::unique_ptr<Helpdesk> start_helpdesk(const std::filesystem::path& state_dir, RunningHost host,
                                         const ConfigSnapshot& config, FramePusher push,
                                         AuditSink audit, std::ostream& diagnostics,
                                         ReloginWatch* watch) {
    const AuditSink record = tagged(audit, host.extensionId);
    try {
        return std::make_unique<Helpdesk>(state_dir, std::move(host), config, std::move(push),
                                          std::move(audit), ServerOptions{}, watch);
    } catch (const std::exception& e) {
        diagnostics << "ccp-relogin: the helpdesk socket is off (re-login works without it): "
                    << e.what() << '\n';
        try {
            record({{"event", "helpdesk-unavailable"}, {"reason", e.what()}});
        } catch (const std::exception&) {
        }
        return nullptr;
    }
}

}  // namespace ccp_relogin::helpdesk
