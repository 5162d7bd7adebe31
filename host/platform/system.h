#pragma once
// platform/ owns what differs between operating systems and browsers: where
// state lives, where each browser looks for native-messaging host manifests,
// and writing those manifests (files, and registry keys on Windows).
//
// This header names the systems, so pure functions can take one as a
// parameter and tests can ask about macOS or Windows on Linux.
#include <string_view>

namespace ccp_relogin::platform {

enum class System { kLinux, kMacOS, kWindows };

#if defined(_WIN32)
inline constexpr System kThisSystem = System::kWindows;
#elif defined(__APPLE__)
inline constexpr System kThisSystem = System::kMacOS;
#else
inline constexpr System kThisSystem = System::kLinux;
#endif

std::string_view to_string(System system);

}  // namespace ccp_relogin::platform
