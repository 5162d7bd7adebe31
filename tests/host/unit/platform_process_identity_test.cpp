// Who the audit trail says wrote a line (platform/process_identity.h): the
// account-name rule, and this process's names on whichever system runs it.
#include <gtest/gtest.h>

#include <string>

#include "platform/process_identity.h"

namespace ccp_relogin::platform {
namespace {

TEST(PlatformProcessIdentity, AccountNamesArePlainWords) {
    EXPECT_TRUE(is_account_name("alice"));
    EXPECT_TRUE(is_account_name("alice.smith@example.com"));
    EXPECT_TRUE(is_account_name("CORP\\alice"));
    EXPECT_TRUE(is_account_name(std::string(64, 'a')));
    EXPECT_FALSE(is_account_name(""));
    EXPECT_FALSE(is_account_name(std::string(65, 'a')));
    EXPECT_FALSE(is_account_name("alice smith"));
    EXPECT_FALSE(is_account_name("alice\n{\"user\":\"root\"}"));
}

TEST(PlatformProcessIdentity, ThisProcessHasAHostAndAUser) {
    EXPECT_FALSE(host_name().empty());
    EXPECT_NE(host_name(), "unknown");
    const auto user = user_name();
    EXPECT_FALSE(user.empty());
    EXPECT_NE(user, "unknown user");
}

}  // namespace
}  // namespace ccp_relogin::platform
