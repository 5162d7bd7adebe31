#include "audit/forward_wire.h"

#include "audit/audit_log.h"
#include "config/validate.h"
#include "federation/url.h"

namespace ccp_relogin::audit {

std::string request_body(const std::vector<nlohmann::json>& events, std::string_view hostVersion) {
    nlohmann::json body = nlohmann::json::array();
    for (const auto& event : events) {
        nlohmann::json item = event.is_object() ? event : nlohmann::json{{"event", event}};
        item["hostVersion"] = hostVersion;
        body.push_back(std::move(item));
    }
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json forward_dropped_event(uint64_t count, int64_t nowMs) {
    return {{"event", "forward-dropped"}, {"count", count}, {"ts", iso8601_utc(nowMs)}};
}

std::optional<std::string> forward_url_problem(std::string_view url) {
    if (url.size() > config::limits::kMaxUrlLength)
        return "longer than " + std::to_string(config::limits::kMaxUrlLength) + " characters";
    const auto parsed = federation::parse_url(url);
    if (!parsed || parsed->scheme != "https" || parsed->host.empty()) return "not an https URL";
    if (parsed->has_userinfo) return "must not carry a user name or password";
    return std::nullopt;
}

}  // namespace ccp_relogin::audit
