#include "protocol/messages.h"

namespace ccp_relogin::protocol {

std::string_view to_string(Signal signal) {
    switch (signal) {
        case Signal::kText:
            return "text";
        case Signal::kLoginPage:
            return "login-page";
        case Signal::kStreams:
            return "streams";
    }
    return "text";
}

std::string_view to_string(CookieRuleAction action) {
    return action == CookieRuleAction::kSet ? "set" : "clear";
}

}  // namespace ccp_relogin::protocol
