#include "platform/process_identity.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "base/text.h"

namespace ccp_relogin::platform {
namespace {

constexpr std::size_t kMaxNameLength = 64;

bool is_account_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return base::is_ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == '@' ||
                      c == '\\';
           });
}

}  // namespace

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

}  // namespace ccp_relogin::platform
