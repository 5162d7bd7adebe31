#pragma once
// The helpdesk socket as host mode starts it: the directory checks, the
// socket thread (helpdesk/server.h) and what answers on it
// (helpdesk/service.h), with the socket thread's own guard state store (not
// meant to be shared between threads). Audit events go to the AuditSink host
// mode gives it (its thread-safe audit::AuditTrail, so helpdesk requests are
// forwarded like the session's events), tagged with the extension ID.
//
// The agent's re-login must never depend on helpdesk plumbing: if the socket
// can't be offered, start_helpdesk says why on stderr and in the audit log,
// and host mode goes on without it.
#include <filesystem>
#include <memory>
#include <ostream>

#include "guard/state_store.h"
#include "helpdesk/config_snapshot.h"
#include "helpdesk/relogin_watch.h"
#include "helpdesk/server.h"
#include "helpdesk/service.h"

namespace ccp_relogin::helpdesk {

class Helpdesk {
  public:
    // Listens on `<state_dir>/ipc/host-<host.pid>.sock`. Throws HelpdeskUnavailable.
    // `audit` is called from the socket thread.
    // `watch` (may be nullptr) tells relogin --wait what became of a re-login.
    Helpdesk(const std::filesystem::path& state_dir, RunningHost host, const ConfigSnapshot& config,
             FramePusher push, AuditSink audit, ServerOptions options = {},
             ReloginWatch* watch = nullptr);
    // The same, recording to a local audit log of its own in `state_dir`
    // (not forwarded).
    Helpdesk(const std::filesystem::path& state_dir, RunningHost host, const ConfigSnapshot& config,
             FramePusher push, ServerOptions options = {});

    const std::filesystem::path& socket_path() const { return server_.socket_path(); }

  private:
    guard::StateStore state_;
    HelpdeskService service_;
    HelpdeskServer server_;  // last: its thread stops before the rest goes
};

// A running Helpdesk, or nullptr after one line on `diagnostics` and an
// audit line (event helpdesk-unavailable) when it can't be offered.
std::unique_ptr<Helpdesk> start_helpdesk(const std::filesystem::path& state_dir, RunningHost host,
                                         const ConfigSnapshot& config, FramePusher push,
                                         AuditSink audit, std::ostream& diagnostics,
                                         ReloginWatch* watch = nullptr);

}  // namespace ccp_relogin::helpdesk
