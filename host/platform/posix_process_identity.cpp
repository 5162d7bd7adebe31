#include <unistd.h>

#include <cstdlib>

#include "platform/process_identity.h"

namespace ccp_relogin::platform {

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "unknown";
    return name;
}

std::string user_name() {
    for (const char* variable : {"USER", "LOGNAME"}) {
        const char* value = std::getenv(variable);
        if (value != nullptr && is_account_name(value)) return value;
    }
    return "uid " + std::to_string(::geteuid());
}

long process_id() { return static_cast<long>(::getpid()); }

bool is_administrator() { return ::geteuid() == 0; }

}  // namespace ccp_relogin::platform
