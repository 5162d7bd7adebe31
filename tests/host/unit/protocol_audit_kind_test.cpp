// The administrator's word for each audit line (protocol/audit_kind.h).
#include <gtest/gtest.h>

#include "protocol/audit_kind.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

TEST(AuditKind, EachDecisionHasItsWord) {
    const json none = json::object();
    EXPECT_EQ(audit_kind("expired", none, {{"type", "relogin"}}), "relogin-started");
    EXPECT_EQ(audit_kind("expired", none, {{"type", "wait"}}), "suppressed");
    EXPECT_EQ(audit_kind("expired", none, {{"type", "stop"}}), "stopped");
    EXPECT_EQ(audit_kind("expired", none, {{"type", "error"}}), "refused");
    EXPECT_EQ(audit_kind("landed", none, {{"type", "return"}}), "landed");
    EXPECT_EQ(audit_kind("failed", {{"stage", "connect"}}, {{"type", "relogin"}}),
              "sign-in-failed");
    EXPECT_EQ(audit_kind("failed", {{"stage", "cancelled"}}, {{"type", "recorded"}}), "cancelled");
    EXPECT_EQ(audit_kind("status", none, {{"type", "stop"}}), "stopped");
    EXPECT_EQ(audit_kind("cookie-rule", none, {{"type", "recorded"}}), "cookie-rule");
}

}  // namespace
}  // namespace ccp_relogin::protocol
