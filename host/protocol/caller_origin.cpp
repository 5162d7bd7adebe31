#include "protocol/caller_origin.h"

#include <algorithm>

#include "base/extension_id.h"
#include "platform/extension_ids.h"

namespace ccp_relogin::protocol {
namespace {

constexpr std::string_view kScheme = "chrome-extension://";

}  // namespace

std::optional<std::string> extension_id_from_origin(std::string_view origin) {
    if (!origin.starts_with(kScheme) || !origin.ends_with('/')) return std::nullopt;
    const std::string_view id = origin.substr(kScheme.size(), origin.size() - kScheme.size() - 1);
    if (!base::is_extension_id(id)) return std::nullopt;
    return std::string(id);
}

bool is_allowed_origin(std::string_view origin, const std::vector<std::string>& configured_ids,
                       bool trust_development) {
    const auto id = extension_id_from_origin(origin);
    if (!id) return false;
    if (trust_development && *id == platform::kDevelopmentExtensionId) return true;
    return std::find(configured_ids.begin(), configured_ids.end(), *id) != configured_ids.end();
}

}  // namespace ccp_relogin::protocol
