#pragma once
// The sign-in-stalled message (docs/protocol.md, "sign-in-stalled"): the
// extension navigated a stalled sign-in tab to the sign-in URL again. The
// host decides nothing, the sign-in stays in flight as it was: the report
// goes into the audit trail (event "sign-in-stalled") and is answered
// `recorded`. Pure.
#include <nlohmann/json.hpp>

#include "protocol/messages.h"

namespace ccp_relogin::protocol {

// {correlationId, url, renavigation, quietMs}
nlohmann::json sign_in_stall_audit_fields(const SignInStalled& stalled);

// recorded {}: the report is in the audit trail.
nlohmann::json sign_in_stall_reply();

}  // namespace ccp_relogin::protocol
