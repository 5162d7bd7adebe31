#pragma once
// One request line of the helpdesk socket (helpdesk/wire_protocol.h), parsed and
// validated into a typed request, or the error to reply. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ccp_relogin::helpdesk {

// {"type":"status"}
struct StatusRequest {};

// {"type":"relogin","profile":P?,"reason":R?,"wait":W?}
struct ReloginRequest {
    std::optional<std::string> profile;  // nullopt: every configured profile
    std::string reason;                  // sanitised (reason.h), never empty
    bool wait = false;                   // answer once each forced re-login landed or stopped
};

// A request the host refuses: a helpdesk_error code and one sentence.
struct RequestError {
    std::string code;
    std::string message;
};

using HelpdeskRequest = std::variant<StatusRequest, ReloginRequest, RequestError>;

// `line` without its newline. Checks: at most kMaxRequestBytes (too-long),
// JSON (bad-json; nesting is bounded as in base/bounded_json.h), an
// object (not-object), `type` a string (missing-field, wrong-type) naming
// status or relogin (unknown-type); for relogin, `profile` (if present) a
// string of at most config::limits::kMaxProfileNameLength bytes and `reason` (if
// present) a string (wrong-type, too-long), `wait` (if present) true or
// false (wrong-type). An over-long reason is cut, not refused (reason.h).
HelpdeskRequest parse_helpdesk_request(std::string_view line);

}  // namespace ccp_relogin::helpdesk
