#include "config/build.h"

#include "config/enums.h"

namespace ccp_relogin::config {
namespace {

using nlohmann::json;

// The member at `key` of `object` when present, else nullptr. `valid` is a
// validated document, so present values have the schema's types.
const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string string_or(const json& object, const char* key, std::string fallback) {
    const json* v = member(object, key);
    return v && v->is_string() ? v->get<std::string>() : fallback;
}

int int_or(const json& object, const char* key, int fallback) {
    const json* v = member(object, key);
    return v && v->is_number_integer() ? v->get<int>() : fallback;
}

std::vector<std::string> strings_or(const json& object, const char* key,
                                    std::vector<std::string> fallback) {
    const json* v = member(object, key);
    return v && v->is_array() ? v->get<std::vector<std::string>>() : fallback;
}

// Absent members keep ProbeSettings' defaults; a null signedInStatus is "any 2xx".
ProbeSettings build_probe(const json& j) {
    ProbeSettings probe;
    if (const json* enabled = member(j, "enabled"); enabled && enabled->is_boolean())
        probe.enabled = enabled->get<bool>();
    probe.path = string_or(j, "path", probe.path);
    probe.legacyPath = string_or(j, "legacyPath", probe.legacyPath);
    if (const json* in = member(j, "signedInStatus"); in && in->is_array())
        probe.signedInStatus = in->get<std::vector<int>>();
    if (const json* out = member(j, "signedOutStatus"); out && out->is_array())
        probe.signedOutStatus = out->get<std::vector<int>>();
    probe.onUnknown =
        parse_probe_on_unknown(string_or(j, "onUnknown", "act")).value_or(probe.onUnknown);
    return probe;
}

Instance build_instance(const json& j) {
    Instance instance;
    instance.id = string_or(j, "id", "");
    instance.alias = string_or(j, "alias", "");
    instance.region = string_or(j, "region", "");
    instance.partition =
        parse_partition(string_or(j, "partition", "aws")).value_or(Partition::kAws);
    instance.domain = parse_connect_domain(string_or(j, "domain", "my.connect.aws"))
                          .value_or(ConnectDomain::kMyConnectAws);
    if (const json* gr = member(j, "globalResiliency"); gr && gr->is_boolean())
        instance.globalResiliency = gr->get<bool>();
    return instance;
}

Entra build_entra(const json& j) {
    Entra entra;
    entra.tenantId = string_or(j, "tenantId", "");
    entra.appId = string_or(j, "appId", "");
    entra.launcher =
        parse_launcher(string_or(j, "launcher", "launcher")).value_or(Launcher::kLauncher);
    return entra;
}

Profile build_profile(const json& j) {
    Profile profile;
    profile.name = string_or(j, "name", "");
    if (const json* instance = member(j, "instance")) profile.instance = build_instance(*instance);
    if (const json* entra = member(j, "entra")) profile.entra = build_entra(*entra);
    profile.destination = string_or(j, "destination", profile.destination);
    profile.returnTo = strings_or(j, "returnTo", {});
    return profile;
}

}  // namespace

std::vector<std::string> default_detection_phrases() { return {"Session expired"}; }

std::vector<std::string> default_login_paths() {
    return {"/login", "/connect/login", "/connect/auth/refresh"};
}

Config build_config(const nlohmann::json& valid) {
    Config config;
    if (const json* profiles = member(valid, "profiles"); profiles && profiles->is_array())
        for (const auto& p : *profiles) config.profiles.push_back(build_profile(p));

    const json empty = json::object();
    const json* detection = member(valid, "detection");
    config.detection.phrases =
        strings_or(detection ? *detection : empty, "phrases", default_detection_phrases());
    config.detection.loginPaths =
        strings_or(detection ? *detection : empty, "loginPaths", default_login_paths());
    if (const json* probe = detection ? member(*detection, "probe") : nullptr)
        config.detection.probe = build_probe(*probe);
    if (const json* fix = detection ? member(*detection, "fixThirdPartyCookies") : nullptr;
        fix && fix->is_boolean())
        config.detection.fixThirdPartyCookies = fix->get<bool>();

    const json& relogin = member(valid, "relogin") ? *member(valid, "relogin") : empty;
    config.relogin.mode =
        parse_relogin_mode(string_or(relogin, "mode", "tab")).value_or(config.relogin.mode);
    config.relogin.timeoutSeconds =
        int_or(relogin, "timeoutSeconds", config.relogin.timeoutSeconds);
    config.relogin.afterInactivity =
        parse_after_inactivity(string_or(relogin, "afterInactivity", "on-return"))
            .value_or(config.relogin.afterInactivity);

    const json& session = member(valid, "session") ? *member(valid, "session") : empty;
    config.session.maxSeconds = int_or(session, "maxSeconds", config.session.maxSeconds);
    config.session.refreshBeforeSeconds =
        int_or(session, "refreshBeforeSeconds", config.session.refreshBeforeSeconds);
    config.session.refreshJitterSeconds =
        int_or(session, "refreshJitterSeconds", config.session.refreshJitterSeconds);

    const json& guard = member(valid, "guard") ? *member(valid, "guard") : empty;
    config.guard.maxAttempts = int_or(guard, "maxAttempts", config.guard.maxAttempts);
    config.guard.windowSeconds = int_or(guard, "windowSeconds", config.guard.windowSeconds);
    config.guard.postLoginSeconds =
        int_or(guard, "postLoginSeconds", config.guard.postLoginSeconds);

    if (const json* audit = member(valid, "audit")) {
        if (const json* url = member(*audit, "forwardUrl"); url && url->is_string())
            config.audit.forwardUrl = url->get<std::string>();
        config.audit.forwardFormat = audit->value("forwardFormat", config.audit.forwardFormat);
        if (const auto file = audit->find("forwardTokenFile"); file != audit->end())
            config.audit.forwardTokenFile =
                file->is_string() ? std::optional<std::string>(*file) : std::nullopt;
        config.audit.forwardPublicKeySha256 = strings_or(*audit, "forwardPublicKeySha256", {});
        config.audit.systemLog = audit->value("systemLog", config.audit.systemLog);
    }

    config.allowedExtensionIds = strings_or(valid, "allowedExtensionIds", {});

    const json& leave = member(valid, "browserPolicy") ? *member(valid, "browserPolicy") : empty;
    config.browserPolicy.maySetAuditForwardUrl = leave.value("maySetAuditForwardUrl", false);
    config.browserPolicy.mayLoosenGuard = leave.value("mayLoosenGuard", false);
    return config;
}

}  // namespace ccp_relogin::config
