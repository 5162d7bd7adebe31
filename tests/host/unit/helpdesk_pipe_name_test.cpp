// The Windows helpdesk pipe's name and security descriptor
// (helpdesk/pipe_name.h): pure rules, tested on every system.
#include <gtest/gtest.h>

#include <string>

#include "helpdesk/pipe_name.h"

namespace ccp_relogin::helpdesk {
namespace {

constexpr const char* kUser = "S-1-5-21-1004336348-1177238915-682003330-1001";

TEST(HelpdeskPipeName, IsPerUserAndPerHost) {
    EXPECT_EQ(pipe_name_for(kUser, 4242),
              std::string(R"(\\.\pipe\ccp-relogin.)") + kUser + ".host-4242");
    EXPECT_NE(pipe_name_for(kUser, 4242), pipe_name_for("S-1-5-21-1-2-3-1002", 4242));
    EXPECT_EQ(pipe_name_for(kUser, 0), std::nullopt);
    EXPECT_EQ(pipe_name_for(kUser, -1), std::nullopt);
}

TEST(HelpdeskPipeName, OnlyASidMakesANameOrADescriptor) {
    for (const char* sid : {kUser, "S-1-5-18", "S-1-1-0", "S-1-0x123456789ABC-7"})
        EXPECT_TRUE(is_sid_string(sid)) << sid;
    // A string that would add an entry to the DACL, or a path to the name.
    for (const char* not_sid : {"", "S-1-", "S-1-5", "S-2-5-18", "s-1-5-18", "S-1-5-18)(A;;GA;;;WD",
                                "S-1-5-18\\x", "S-1-5--18", "S-1-5-18-", "S-1-5-99999999999",
                                "S-1-0x12-5", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"}) {
        EXPECT_FALSE(is_sid_string(not_sid)) << not_sid;
        EXPECT_EQ(pipe_name_for(not_sid, 1), std::nullopt) << not_sid;
        EXPECT_EQ(pipe_security_sddl(not_sid), std::nullopt) << not_sid;
    }
}

TEST(HelpdeskPipeName, TheDaclAdmitsOnlyTheUserAndInheritsNothing) {
    EXPECT_EQ(pipe_security_sddl(kUser), std::string("D:P(A;;GA;;;") + kUser + ")");
}

TEST(HelpdeskPipeName, ANameMustFitWindowsRules) {
    const std::string prefix = R"(\\.\pipe\)";
    EXPECT_EQ(pipe_name_problem(*pipe_name_for(kUser, 2147483647)), std::nullopt);
    const std::string longest = prefix + std::string(256 - prefix.size(), 'a');
    EXPECT_EQ(pipe_name_problem(longest), std::nullopt);
    const auto too_long = pipe_name_problem(longest + "a");
    ASSERT_TRUE(too_long.has_value());
    EXPECT_NE(too_long->find("257 characters, over the 256"), std::string::npos) << *too_long;
    EXPECT_NE(pipe_name_problem(prefix + "a\\b"), std::nullopt);
    EXPECT_NE(pipe_name_problem(R"(\\server\pipe\a)"), std::nullopt);
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
