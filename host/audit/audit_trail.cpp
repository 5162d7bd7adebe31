#include "audit/audit_trail.h"

#include <utility>

namespace ccp_relogin::audit {

AuditTrail::AuditTrail(std::filesystem::path stateDir, const base::Clock& clock,
                       LineForwarder* forwarder, WarningSink warn)
    : log_(std::move(stateDir), clock, AuditLog::kDefaultMaxBytes, std::move(warn)),
      forwarder_(forwarder) {}

void AuditTrail::record(const nlohmann::json& event) {
    nlohmann::json line;
    {
        const std::lock_guard lock(mutex_);
        line = log_.record(event);
    }
    // Outside the lock: the forwarder has its own, and the file is done.
    if (forwarder_ && line.is_object()) forwarder_->enqueue(std::move(line));
}

}  // namespace ccp_relogin::audit
