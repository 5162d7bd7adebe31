#include "helpdesk/peer_credentials.h"

namespace ccp_relogin::helpdesk {

#if defined(_WIN32)
// The same account only. Not SYSTEM nor Administrators, unlike root on
// POSIX: the pipe's DACL (helpdesk/pipe_name.h) admits no one else, and the
// check must not admit more than the DACL does.
bool peer_allowed(const UserId& peer, const UserId& self) { return !self.empty() && peer == self; }
#else
bool peer_allowed(const UserId& peer, const UserId& self) { return peer == self || peer == 0; }
#endif

}  // namespace ccp_relogin::helpdesk
