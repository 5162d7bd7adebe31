#pragma once
// Who is writing, for the audit trail's "host" and "user": this machine's
// name and the account the process runs as.
#include <string>

namespace ccp_relogin::platform {

// gethostname(); "unknown" if it fails.
std::string host_name();

// $USER (else $LOGNAME) when it is a plain account name, else "uid N". Not
// getpwuid(): the host is linked statically, and glibc's user lookup loads
// NSS modules at run time (docs/architecture.md, "Processes"). The name is a
// label for readers; the uid, which nothing can fake, is always in the
// state directory's ownership.
std::string user_name();

}  // namespace ccp_relogin::platform
