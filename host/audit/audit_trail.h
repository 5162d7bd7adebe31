#pragma once
// The one way host mode records an audit event, from any thread: the line
// goes to the local audit log (audit_log.h: redacted, timestamped) and, when
// forwarding is on, the same line goes to the forwarder (line_forwarder.h;
// in host mode the ccp-relogin-network process, forward_process.h).
// Recording waits for the local file, never for the network.
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "audit/line_forwarder.h"
#include "base/clock.h"

namespace ccp_relogin::audit {

class AuditTrail {
  public:
    // `forwarder` and `systemLog` (journal_log.h) may be null; they must
    // outlive the trail.
    explicit AuditTrail(std::filesystem::path stateDir,
                        const base::Clock& clock = base::system_clock(),
                        LineForwarder* forwarder = nullptr, WarningSink warn = {},
                        LineForwarder* systemLog = nullptr);

    // Thread-safe. Never throws for anything an event contains; a local
    // write failure warns (AuditLog) and the event is still forwarded.
    void record(const nlohmann::json& event);

    std::filesystem::path file() const { return log_.file(); }

  private:
    std::mutex mutex_;  // AuditLog keeps its last warning: one writer at a time
    AuditLog log_;
    LineForwarder* forwarder_;
    LineForwarder* systemLog_;
};

}  // namespace ccp_relogin::audit
