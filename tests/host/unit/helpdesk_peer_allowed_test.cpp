// Who may talk to a host (helpdesk/peer_credentials.h): the pure decision,
// on whichever system runs it (a uid on POSIX, a SID on Windows).
#include <gtest/gtest.h>

#include "helpdesk/peer_credentials.h"

namespace ccp_relogin::helpdesk {
namespace {

#if defined(_WIN32)
const UserId kMe = "S-1-5-21-1004336348-1177238915-682003330-1001";

TEST(HelpdeskPeerAllowed, OnlyTheSameAccount) {
    EXPECT_TRUE(peer_allowed(kMe, kMe));
    EXPECT_FALSE(peer_allowed("S-1-5-21-1004336348-1177238915-682003330-1002", kMe));
    // Not SYSTEM nor the Administrators group: the DACL admits neither.
    EXPECT_FALSE(peer_allowed("S-1-5-18", kMe));
    EXPECT_FALSE(peer_allowed("S-1-5-32-544", kMe));
    // A host that could not read its own SID admits nobody, not even "".
    EXPECT_FALSE(peer_allowed("", ""));
    EXPECT_FALSE(peer_allowed(kMe, ""));
}

TEST(HelpdeskPeerAllowed, ThisProcessKnowsItsSid) {
    EXPECT_TRUE(own_user().starts_with("S-1-")) << own_user();
}
#else
TEST(HelpdeskPeerAllowed, TheSameUserOrRoot) {
    EXPECT_TRUE(peer_allowed(1000, 1000));
    EXPECT_TRUE(peer_allowed(0, 1000));
    EXPECT_FALSE(peer_allowed(1001, 1000));
    EXPECT_FALSE(peer_allowed(1000, 0));
}
#endif

}  // namespace
}  // namespace ccp_relogin::helpdesk
