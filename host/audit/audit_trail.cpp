#include "audit/audit_trail.h"

#include <utility>

namespace ccp_relogin::audit {

AuditTrail::AuditTrail(std::filesystem::path stateDir, const base::Clock& clock,
                       LineForwarder* forwarder, WarningSink warn, LineForwarder* systemLog)
    : log_(std::move(stateDir), clock, AuditLog::kDefaultMaxBytes, std::move(warn)),
      forwarder_(forwarder),
      systemLog_(systemLog) {}

void AuditTrail::record(const nlohmann::json& event) {
    nlohmann::json line;
    {
        const std::lock_guard lock(mutex_);
        line = log_.record(event);
    }
    // Outside the lock: the forwarder has its own, and the file is done.
    if (!line.is_object()) return;
    if (systemLog_) systemLog_->enqueue(line);
    if (forwarder_) forwarder_->enqueue(std::move(line));
}

}  // namespace ccp_relogin::audit
