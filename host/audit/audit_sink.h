#pragma once
// Where the parts that make decisions (the dispatcher, the helpdesk service)
// send their audit events: a function, so they depend on no file or thread.
// Host mode points it at an AuditTrail (audit_trail.h); tests collect events.
#include <functional>
#include <nlohmann/json.hpp>

namespace ccp_relogin::audit {

using AuditSink = std::function<void(const nlohmann::json& event)>;

}  // namespace ccp_relogin::audit
