#include "platform/system.h"

namespace ccp_relogin::platform {

std::string_view to_string(System system) {
    switch (system) {
        case System::kLinux:
            return "linux";
        case System::kMacOS:
            return "macos";
        case System::kWindows:
            return "windows";
    }
    return "unknown";
}

}  // namespace ccp_relogin::platform
