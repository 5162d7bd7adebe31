#include <gtest/gtest.h>

#include "config/config.h"

TEST(ConfigTypes, FindProfileByName) {
    ccp_relogin::config::Config c;
    ccp_relogin::config::Profile p;
    p.name = "agents-us";
    c.profiles.push_back(p);
    EXPECT_NE(c.find_profile("agents-us"), nullptr);
    EXPECT_EQ(c.find_profile("admins"), nullptr);
}
