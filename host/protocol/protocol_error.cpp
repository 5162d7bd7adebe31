#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {

nlohmann::json error_reply(const ProtocolError& error, const std::optional<nlohmann::json>& re) {
    nlohmann::json reply = {
        {"type", "error"},
        {"code", error.code},
        {"message", error.message},
    };
    if (!error.field.empty()) reply["field"] = error.field;
    if (re) reply["re"] = *re;
    return reply;
}

}  // namespace ccp_relogin::protocol
