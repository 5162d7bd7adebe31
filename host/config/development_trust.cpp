#include "config/development_trust.h"

#include <system_error>

namespace ccp_relogin::config {
namespace fs = std::filesystem;

fs::path development_trust_marker(const ConfigSources& sources, platform::Scope scope) {
    const fs::path& file =
        scope == platform::Scope::kUser ? sources.user_file : sources.machine_file;
    if (file.empty()) return {};
    return file.parent_path() / kDevelopmentTrustMarker;
}

DevelopmentExtensionTrust development_extension_trust(const ConfigSources& sources,
                                                      bool build_trusts) {
    if (build_trusts)
        return {true, "this is a development build (CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION)", {}};
    std::string looked_at;
    for (const auto scope : {platform::Scope::kUser, platform::Scope::kSystem}) {
        const fs::path marker = development_trust_marker(sources, scope);
        if (marker.empty()) continue;
        std::error_code ec;
        if (fs::is_regular_file(marker, ec))
            return {true, marker.string() + " exists (install --trust-development-extension)",
                    marker};
        looked_at += (looked_at.empty() ? "" : " nor ") + marker.string();
    }
    return {false,
            "a release build, and there is no " + (looked_at.empty() ? "marker" : looked_at) +
                " (install --trust-development-extension)",
            {}};
}

}  // namespace ccp_relogin::config
