#pragma once
// Pure: how long audit forwarding waits before trying again after failures.
// Doubling from 1 s, capped at 5 min, stretched by up to 20 % of jitter so
// that thousands of desktops that lost the collector at the same moment do
// not come back to it in lockstep.
#include <cstdint>

namespace ccp_relogin::audit {

inline constexpr int64_t kFirstRetryDelayMs = 1'000;
inline constexpr int64_t kMaxRetryDelayMs = 300'000;

// `consecutiveFailures` >= 1 (smaller values count as 1); `jitter` in [0, 1).
// Result in [kFirstRetryDelayMs, kMaxRetryDelayMs].
int64_t retry_delay_ms(int consecutiveFailures, double jitter);

}  // namespace ccp_relogin::audit
