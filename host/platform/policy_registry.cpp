#include "platform/policy_registry.h"

namespace ccp_relogin::platform {

std::string_view to_string(RegistryHive hive) {
    return hive == RegistryHive::kLocalMachine ? "HKLM" : "HKCU";
}

}  // namespace ccp_relogin::platform
