#include <windows.h>

#include <cstdlib>

#include "platform/process_identity.h"
#include "platform/windows_security.h"

namespace ccp_relogin::platform {

std::string host_name() {
    char name[MAX_COMPUTERNAME_LENGTH + 1] = {};
    DWORD size = sizeof name;
    if (!::GetComputerNameA(name, &size) || name[0] == '\0') return "unknown";
    return name;
}

// %USERNAME% as Windows sets it at logon; else the account's name from the
// process token (GetUserNameA). Windows has no uid: the account itself,
// through its SID, owns the state folder (%LOCALAPPDATA% is per user).
std::string user_name() {
    const char* value = std::getenv("USERNAME");
    if (value != nullptr && is_account_name(value)) return value;
    char name[257] = {};  // UNLEN + 1
    DWORD size = sizeof name;
    if (::GetUserNameA(name, &size) && is_account_name(name)) return name;
    return "unknown user";
}

long process_id() { return static_cast<long>(::GetCurrentProcessId()); }

bool is_administrator() { return windows::running_as_administrator(); }

}  // namespace ccp_relogin::platform
