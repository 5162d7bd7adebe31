#include "protocol/replies.h"

#include <variant>

#include "federation/sign_in_url.h"
#include "protocol/messages.h"
#include "protocol/welcome_config.h"
#include "version.h"

namespace ccp_relogin::protocol {

using nlohmann::json;

json problems_json(const std::vector<config::Problem>& problems) {
    json list = json::array();
    for (const auto& p : problems)
        list.push_back({{"source", p.source}, {"path", p.path}, {"reason", p.reason}});
    return list;
}

json welcome_reply(const config::Config& effective, const std::vector<config::Problem>& problems) {
    return {
        {"type", "welcome"},
        {"v", kProtocolVersion},
        {"hostVersion", kVersion},
        {"config", welcome_config_json(effective)},
        {"problems", problems_json(problems)},
    };
}

json relogin_reply(const guard::Granted& granted, const config::Profile& profile,
                   const std::string& return_url) {
    return {
        {"type", "relogin"},
        {"attempt", granted.attempt},
        {"correlationId", granted.correlationId},
        {"profile", profile.name},
        {"signInUrl", federation::sign_in_url(profile)},
        {"returnUrl", return_url},
        {"deadlineMs", granted.deadlineMs},
    };
}

json wait_reply(const guard::Wait& wait, std::string_view profile) {
    return {
        {"type", "wait"},
        {"reason", wait.reason},
        {"retryAfterMs", wait.retryAfterMs},
        {"profile", profile},
    };
}

json stop_reply(std::string_view reason, std::string_view diagnosis, std::string_view profile,
                std::int64_t until_ms) {
    json reply = {{"type", "stop"}, {"reason", reason}, {"diagnosis", diagnosis}};
    if (!profile.empty()) reply["profile"] = profile;
    if (until_ms > 0) reply["untilMs"] = until_ms;
    return reply;
}

json decision_reply(const guard::Decision& decision, const config::Profile& profile,
                    const std::string& return_url) {
    if (const auto* granted = std::get_if<guard::Granted>(&decision))
        return relogin_reply(*granted, profile, return_url);
    if (const auto* wait = std::get_if<guard::Wait>(&decision))
        return wait_reply(*wait, profile.name);
    const auto& stop = std::get<guard::Stop>(decision);
    return stop_reply(stop.reason, stop.diagnosis, profile.name, stop.untilMs);
}

json force_relogin_message(std::string_view profile, std::string_view reason) {
    return {{"type", "force-relogin"}, {"profile", profile}, {"reason", reason}};
}

json return_reply(std::string_view correlation_id, const std::string& url,
                  std::string_view profile) {
    return {
        {"type", "return"},
        {"correlationId", correlation_id},
        {"url", url},
        {"profile", profile},
    };
}

json recorded_reply(bool configured) { return {{"type", "recorded"}, {"configured", configured}}; }

}  // namespace ccp_relogin::protocol
