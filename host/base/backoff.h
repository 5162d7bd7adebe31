#pragma once
// Exponential back-off with jitter: the one formula for everything that waits
// before trying again (the guard between sign-in attempts, audit forwarding
// after a failed delivery). Jitter matters because thousands of desktops that
// failed at the same moment must not come back in lockstep. Pure.
#include <cstdint>

namespace ccp_relogin::base {

struct Backoff {
    int64_t firstMs;     // the delay after the first failure or attempt
    int64_t capMs;       // doubling stops here
    double jitterBelow;  // the delay may be shorter by up to this fraction...
    double jitterAbove;  // ...or longer by up to this fraction
    bool hardCap;        // true: the jittered delay never exceeds capMs either
};

// The delay after `count` failures (counts below 1 count as 1), with `sample`
// a uniform jitter sample in [0, 1] (values outside are clamped, NaN is 0.5):
//   min(first × 2^(count-1), cap) × (1 − below + (below + above) × sample),
// rounded to whole milliseconds, then at most cap when hardCap.
int64_t backoff_delay_ms(int count, double sample, const Backoff& backoff);

// The longest delay backoff_delay_ms can return for `backoff`.
int64_t longest_backoff_ms(const Backoff& backoff);

}  // namespace ccp_relogin::base
