#pragma once
// The development extension's ID. Config `allowedExtensionIds` names the
// other IDs the host accepts (store IDs, a company's own build).
#include <string_view>

namespace ccp_relogin::platform {

// The unpacked development build: extension/manifest.json carries the public
// key that fixes this ID (see README.md). The key is public, so any unpacked
// copy of the extension has this ID: it is a trusted caller only in
// development builds (kBuildTrustsDevelopmentExtension in version.h, the CMake
// option CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION: ON in the default, bench
// and windows presets, OFF in the release preset and in packages), or after
// `install --trust-development-extension` (config/loader.h,
// development_extension_trust).
inline constexpr std::string_view kDevelopmentExtensionId = "lgnognmbodadambbbcigkefnngodpege";

}  // namespace ccp_relogin::platform
