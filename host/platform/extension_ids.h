#pragma once
// The extension IDs the host trusts without configuration. Config
// `allowedExtensionIds` adds more (store IDs, a company's own build).
#include <array>
#include <string_view>

namespace ccp_relogin::platform {

// The unpacked development build: extension/manifest.json carries the public
// key that fixes this ID (see README.md).
inline constexpr std::string_view kDevelopmentExtensionId = "lgnognmbodadambbbcigkefnngodpege";

inline constexpr std::array<std::string_view, 1> kBuiltInExtensionIds = {
    kDevelopmentExtensionId,
};

}  // namespace ccp_relogin::platform
