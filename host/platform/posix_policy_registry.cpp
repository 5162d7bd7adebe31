// policy_registry.h on Linux and macOS: there is no registry, so no key.
#include "platform/policy_registry.h"

namespace ccp_relogin::platform {

RegistryKey read_registry_key(RegistryHive hive, const std::string& key,
                              const std::vector<std::string>&) {
    RegistryKey read;
    read.path = std::string(to_string(hive)) + "\\" + key;
    return read;
}

}  // namespace ccp_relogin::platform
