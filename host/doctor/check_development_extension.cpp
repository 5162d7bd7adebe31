#include "doctor/check_development_extension.h"

#include <string>

#include "platform/extension_ids.h"

namespace ccp_relogin::doctor {

CheckResult evaluate_development_extension(const config::DevelopmentExtensionTrust& trust) {
    const std::string id(platform::kDevelopmentExtensionId);
    CheckResult result{"development extension", Status::kOk, "", "", {}};
    if (!trust.trusted) {
        result.summary = id + " is not trusted: " + trust.reason;
        return result;
    }
    result.summary = id + " is trusted: " + trust.reason +
                     "; any unpacked copy of the extension may call the host";
    if (!trust.marker.empty()) {
        result.status = Status::kWarn;
        result.fix = "unless this machine is for development, remove " + trust.marker.string() +
                     " (or run ccp-relogin uninstall for that scope)";
    }
    return result;
}

}  // namespace ccp_relogin::doctor
