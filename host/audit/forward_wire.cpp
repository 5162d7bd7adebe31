#include "audit/forward_wire.h"

#include "audit/audit_log.h"
#include "audit/redact.h"
#include "base/url.h"

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
    return base::https_url_problem(url);
}

std::string forwarding_off_line(std::string_view url, const std::string& problem) {
    return "audit forwarding is off: audit.forwardUrl " + redact_url(url) + " is " + problem +
           " (the local audit log is still written)";
}

}  // namespace ccp_relogin::audit
