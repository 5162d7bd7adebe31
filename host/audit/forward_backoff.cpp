#include "audit/forward_backoff.h"

#include <algorithm>

namespace ccp_relogin::audit {

int64_t retry_delay_ms(int consecutiveFailures, double jitter) {
    // 2^9 s already passes the cap; stop doubling there so the shift never overflows.
    const int doublings = std::clamp(consecutiveFailures - 1, 0, 9);
    const int64_t base = std::min(kMaxRetryDelayMs, kFirstRetryDelayMs << doublings);
    const double stretch = 1.0 + 0.2 * std::clamp(jitter, 0.0, 1.0);
    return std::min(kMaxRetryDelayMs, static_cast<int64_t>(static_cast<double>(base) * stretch));
}

}  // namespace ccp_relogin::audit
