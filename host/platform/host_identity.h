#pragma once
// Who the host is to the browser: its native-messaging name (contract, see
// docs/protocol.md) and the description its manifest carries.
#include <string_view>

namespace ccp_relogin::platform {

inline constexpr std::string_view kHostName = "com.ccp_relogin.host";
inline constexpr std::string_view kHostDescription =
    "ccp-relogin: signs Amazon Connect agents in again through Microsoft Entra ID";

}  // namespace ccp_relogin::platform
