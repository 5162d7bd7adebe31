// The forwarding queue: bounded, the oldest make room and are counted, a
// failed batch goes back in front in order.
#include <gtest/gtest.h>

#include "audit/forward_queue.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

std::vector<int> numbers(const std::vector<json>& events) {
    std::vector<int> out;
    for (const auto& e : events) out.push_back(e["n"].get<int>());
    return out;
}

TEST(AuditForwardQueue, KeepsOrderBelowCapacity) {
    ForwardQueue queue(5);
    for (int n = 0; n < 3; ++n) queue.push({{"n", n}});
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(numbers(queue.take(2)), (std::vector<int>{0, 1}));
    EXPECT_EQ(numbers(queue.take(10)), (std::vector<int>{2}));
    EXPECT_TRUE(queue.empty());
    EXPECT_EQ(queue.dropped(), 0u);
}

TEST(AuditForwardQueue, OverflowDropsTheOldestAndCountsThem) {
    ForwardQueue queue(1000);
    for (int n = 0; n < 1250; ++n) queue.push({{"n", n}});
    EXPECT_EQ(queue.size(), 1000u);
    EXPECT_EQ(queue.dropped(), 250u);
    const auto kept = numbers(queue.take(1000));
    EXPECT_EQ(kept.front(), 250);
    EXPECT_EQ(kept.back(), 1249);
    EXPECT_EQ(queue.take_dropped(), 250u);
    EXPECT_EQ(queue.take_dropped(), 0u);  // reported once
}

TEST(AuditForwardQueue, RestoredBatchGoesBackInFrontAndOverflowStillCounts) {
    ForwardQueue queue(4);
    for (int n = 0; n < 4; ++n) queue.push({{"n", n}});
    auto batch = queue.take(2);             // 0, 1 in flight
    queue.push({{"n", 4}});                 // 2, 3, 4
    queue.push({{"n", 5}});                 // 2, 3, 4, 5
    queue.restore_front(std::move(batch));  // 0..5: the two oldest go
    EXPECT_EQ(queue.dropped(), 2u);
    EXPECT_EQ(numbers(queue.take(10)), (std::vector<int>{2, 3, 4, 5}));
}

TEST(AuditForwardQueue, CapacityZeroStillHoldsOne) {
    ForwardQueue queue(0);
    queue.push({{"n", 1}});
    queue.push({{"n", 2}});
    EXPECT_EQ(numbers(queue.take(5)), (std::vector<int>{2}));
    EXPECT_EQ(queue.dropped(), 1u);
}

}  // namespace
}  // namespace ccp_relogin::audit
