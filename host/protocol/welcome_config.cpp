#include "protocol/welcome_config.h"

#include "config/enums.h"
#include "federation/cookie_policy.h"
#include "federation/relay_state.h"

namespace ccp_relogin::protocol {

using config::Config;
using config::ProbeSettings;
using config::Profile;
using config::to_string;
using nlohmann::json;

namespace {

json profile_view(const Profile& p) {
    return {
        {"name", p.name},
        {"instance",
         {{"id", p.instance.id},
          {"alias", p.instance.alias},
          {"region", p.instance.region},
          {"partition", to_string(p.instance.partition)},
          {"domain", to_string(p.instance.domain)},
          {"globalResiliency", p.instance.globalResiliency}}},
        {"connectOrigin", federation::connect_origin(p.instance)},
        {"destination", p.destination},
        {"returnTo", p.returnTo},
        {"cookiesAllowedForUrls", federation::cookies_allowed_for_urls(p)},
    };
}

json probe_view(const ProbeSettings& p) {
    return {
        {"enabled", p.enabled},
        {"path", p.path},
        {"legacyPath", p.legacyPath},
        {"signedInStatus", p.signedInStatus ? json(*p.signedInStatus) : json(nullptr)},
        {"signedOutStatus", p.signedOutStatus},
        {"onUnknown", to_string(p.onUnknown)},
    };
}

}  // namespace

json welcome_config_json(const Config& config) {
    json profiles = json::array();
    for (const auto& p : config.profiles) profiles.push_back(profile_view(p));
    return {
        {"profiles", std::move(profiles)},
        {"detection",
         {{"phrases", config.detection.phrases},
          {"loginPaths", config.detection.loginPaths},
          {"probe", probe_view(config.detection.probe)},
          {"fixThirdPartyCookies", config.detection.fixThirdPartyCookies}}},
        {"relogin",
         {{"mode", to_string(config.relogin.mode)},
          {"timeoutSeconds", config.relogin.timeoutSeconds},
          {"afterInactivity", to_string(config.relogin.afterInactivity)}}},
        {"session",
         {{"maxSeconds", config.session.maxSeconds},
          {"refreshBeforeSeconds", config.session.refreshBeforeSeconds},
          {"refreshJitterSeconds", config.session.refreshJitterSeconds}}},
        {"guard",
         {{"maxAttempts", config.guard.maxAttempts},
          {"windowSeconds", config.guard.windowSeconds},
          {"postLoginSeconds", config.guard.postLoginSeconds}}},
    };
}

}  // namespace ccp_relogin::protocol
