#pragma once
// Pure: what an audit line means to an administrator counting sessions that
// ended, agents stuck and logins stopped ("kind", beside "event", the
// message the host answered). One place, so that a dashboard's queries
// and the host's words can't drift (README.md, "Audit trail").
//   expired  + relogin → "relogin-started"   + wait → "suppressed"
//            + stop    → "stopped"           + error → "refused"
//   landed   + return  → "landed"            + error → "refused"
//   failed             → "sign-in-failed" ("cancelled" when the agent closed it)
//   session            → its event: "restored", "refresh", "sign-out-respected"
//   anything else      → the event's own name
// (The helpdesk's relogin that pushed a sign-in is "helpdesk-forced":
// helpdesk/service.cpp.)
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ccp_relogin::protocol {

std::string audit_kind(std::string_view event, const nlohmann::json& request,
                       const nlohmann::json& reply);

}  // namespace ccp_relogin::protocol
