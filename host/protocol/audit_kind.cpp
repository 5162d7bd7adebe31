#include "protocol/audit_kind.h"

namespace ccp_relogin::protocol {

std::string audit_kind(std::string_view event, const nlohmann::json& request,
                       const nlohmann::json& reply) {
    const std::string decision = reply.value("type", "");
    if (decision == "error") return "refused";
    if (event == "expired") {
        if (decision == "relogin") return "relogin-started";
        if (decision == "wait") return "suppressed";
        if (decision == "stop") return "stopped";
    }
    if (event == "landed" && decision == "return") return "landed";
    if (event == "failed")
        return request.is_object() && request.value("stage", "") == "cancelled" ? "cancelled"
                                                                                : "sign-in-failed";
    if (decision == "stop") return "stopped";
    // A session report's kind is its event: restored, refresh, sign-out-respected.
    if (event == "session" && request.is_object()) return request.value("event", "session");
    return std::string(event);
}

}  // namespace ccp_relogin::protocol
