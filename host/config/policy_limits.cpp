#include "config/policy_limits.h"

#include <string>

#include "config/layers.h"

namespace ccp_relogin::config {
namespace {

using nlohmann::json;

// One guard key and which way is looser.
struct GuardKey {
    const char* key;
    int Guard::*field;
    bool looser_is_higher;
};

constexpr GuardKey kGuardKeys[] = {
    {"maxAttempts", &Guard::maxAttempts, true},
    {"windowSeconds", &Guard::windowSeconds, false},
    {"postLoginSeconds", &Guard::postLoginSeconds, false},
};

void refuse(std::vector<Problem>& problems, std::string path, std::string reason) {
    problems.push_back(Problem{kPolicySource, std::move(path), std::move(reason)});
}

// Erases `key` from `object` and the object from `parent` once it is empty,
// so the merge leaves the files' section alone.
void erase_member(json& parent, const char* section, const char* key) {
    json& object = parent[section];
    object.erase(key);
    if (object.empty()) parent.erase(section);
}

void limit_forward_url(json& policy, const Config& files, std::vector<Problem>& problems) {
    if (files.browserPolicy.maySetAuditForwardUrl) return;
    const auto audit = policy.find("audit");
    if (audit == policy.end() || !audit->contains("forwardUrl")) return;
    const json& wanted = (*audit)["forwardUrl"];
    const json current = files.audit.forwardUrl ? json(*files.audit.forwardUrl) : json(nullptr);
    if (wanted == current) return;  // no change, nothing to refuse
    refuse(problems, "audit.forwardUrl",
           "the browser policy may not change where the audit trail goes; set it in a "
           "configuration file, or allow it there with browserPolicy.maySetAuditForwardUrl");
    erase_member(policy, "audit", "forwardUrl");
}

// How the trail is sent goes with where: the format a collector reads, the
// keys it is trusted by.
void limit_forwarding(json& policy, const Config& files, std::vector<Problem>& problems) {
    if (files.browserPolicy.maySetAuditForwardUrl) return;
    const auto audit = policy.find("audit");
    if (audit == policy.end()) return;
    const std::pair<const char*, json> keys[] = {
        {"forwardFormat", files.audit.forwardFormat},
        {"forwardTokenFile",
         files.audit.forwardTokenFile ? json(*files.audit.forwardTokenFile) : json(nullptr)},
        {"forwardPublicKeySha256", files.audit.forwardPublicKeySha256}};
    for (const auto& [key, current] : keys) {
        if (!audit->contains(key) || (*audit)[key] == current) continue;
        refuse(problems, std::string("audit.") + key,
               "the browser policy may not change how the audit trail is sent; set it in a "
               "configuration file, or allow it there with browserPolicy.maySetAuditForwardUrl");
        erase_member(policy, "audit", key);
        if (!policy.contains("audit")) return;
    }
}

void limit_guard(json& policy, const Config& files, std::vector<Problem>& problems) {
    if (files.browserPolicy.mayLoosenGuard) return;
    const auto guard = policy.find("guard");
    if (guard == policy.end()) return;
    for (const auto& [key, field, looser_is_higher] : kGuardKeys) {
        if (!guard->contains(key)) continue;
        const int wanted = (*guard)[key].get<int>();
        const int floor = files.guard.*field;
        if (looser_is_higher ? wanted <= floor : wanted >= floor) continue;
        refuse(problems, std::string("guard.") + key,
               "looser than " + std::to_string(floor) +
                   " from the configuration files or the default; the browser policy may only "
                   "make loop protection stricter unless a configuration file sets "
                   "browserPolicy.mayLoosenGuard");
        erase_member(policy, "guard", key);
        if (!policy.contains("guard")) return;
    }
}

}  // namespace

void limit_policy(json& policy, const Config& files, std::vector<Problem>& problems) {
    if (policy.contains("browserPolicy")) {
        refuse(problems, "browserPolicy",
               "only a configuration file may set this: the policy would give itself leave");
        policy.erase("browserPolicy");
    }
    limit_forward_url(policy, files, problems);
    limit_forwarding(policy, files, problems);
    limit_guard(policy, files, problems);
}

}  // namespace ccp_relogin::config
