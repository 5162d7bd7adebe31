#pragma once
// Who is writing, for the audit trail's "host" and "user": this machine's
// name and the account the process runs as.
#include <string>
#include <string_view>

namespace ccp_relogin::platform {

// One implementation per system: posix_process_identity.cpp,
// windows_process_identity.cpp.

// gethostname() (Windows: GetComputerNameA); "unknown" if it fails.
std::string host_name();

// $USER (else $LOGNAME) when it is a plain account name, else "uid N". Not
// getpwuid(): the host is linked statically, and glibc's user lookup loads
// NSS modules at run time (docs/architecture.md, "Processes"). The name is a
// label for readers; the uid, which nothing can fake, is always in the
// state directory's ownership.
// (Windows: %USERNAME%, else the token's account name, else "unknown user".)
std::string user_name();

// This process's id (getpid; GetCurrentProcessId).
long process_id();

// Whether this process may act for other users: root; on Windows an
// elevated member of Administrators.
bool is_administrator();

// Whether `name` is a plain account name worth writing as one: 1 to 64
// letters, digits and _ - . @ and backslash (DOMAIN\user), nothing a reader could
// mistake for structure.
bool is_account_name(std::string_view name);

}  // namespace ccp_relogin::platform
