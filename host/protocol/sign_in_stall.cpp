#include "protocol/sign_in_stall.h"

namespace ccp_relogin::protocol {

nlohmann::json sign_in_stall_audit_fields(const SignInStalled& stalled) {
    return {{"correlationId", stalled.correlationId},
            {"url", stalled.url},
            {"renavigation", stalled.renavigation},
            {"quietMs", stalled.quietMs}};
}

nlohmann::json sign_in_stall_reply() { return {{"type", "recorded"}}; }

}  // namespace ccp_relogin::protocol
