#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {

ProtocolError protocol_error(const base::JsonRefusal& refusal) {
    const std::string_view code = refusal.kind == base::JsonRefusal::Kind::kTooDeep
                                      ? error_code::kTooDeep
                                      : error_code::kBadJson;
    return ProtocolError{std::string(code), refusal.message, ""};
}

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
