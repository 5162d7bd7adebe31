// A flood of one kind of audit line is held back and counted
// (audit/repeat_limit.h).
#include <gtest/gtest.h>

#include "audit/repeat_limit.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

TEST(RepeatLimit, AFloodIsHeldBackAndCountedOtherEventsPass) {
    RepeatLimit limit(3, 60'000);
    std::size_t written = 0;
    for (int i = 0; i < 1000; ++i)
        written += limit.admit({{"event", "helpdesk-invalid"}}, 1'000 + i).size();
    EXPECT_EQ(written, 3u);
    EXPECT_EQ(limit.admit({{"event", "helpdesk-relogin"}}, 2'000).size(), 1u)
        << "another kind is not held back";

    // The next window: the count of the last one, then the line.
    const auto lines = limit.admit({{"event", "helpdesk-invalid"}}, 61'000);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["event"], "audit-lines-held-back");
    EXPECT_EQ(lines[0]["of"], "helpdesk-invalid");
    EXPECT_EQ(lines[0]["count"], 997);
    EXPECT_EQ(lines[1]["event"], "helpdesk-invalid");
}

TEST(RepeatLimit, FlushSaysWhatIsStillHeldBackOnce) {
    RepeatLimit limit(1, 60'000);
    limit.admit({{"event", "helpdesk-refused"}}, 0);
    limit.admit({{"event", "helpdesk-refused"}}, 1);
    limit.admit({{"event", "helpdesk-refused"}}, 2);
    const auto lines = limit.flush();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]["count"], 2);
    EXPECT_TRUE(limit.flush().empty());
}

}  // namespace
}  // namespace ccp_relogin::audit
