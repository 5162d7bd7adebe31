#include "base/backoff.h"

#include <algorithm>
#include <cmath>

namespace ccp_relogin::base {
namespace {

double clamp_sample(double u) { return std::isnan(u) ? 0.5 : std::clamp(u, 0.0, 1.0); }

int64_t jittered(double nominalMs, double sample, const Backoff& backoff) {
    const double factor =
        1.0 - backoff.jitterBelow + (backoff.jitterBelow + backoff.jitterAbove) * sample;
    const int64_t delay = std::max<int64_t>(0, std::llround(nominalMs * factor));
    return backoff.hardCap ? std::min(delay, backoff.capMs) : delay;
}

}  // namespace

int64_t backoff_delay_ms(int count, double sample, const Backoff& backoff) {
    // 2^30 × any sane first delay is far past any cap: stop doubling there.
    const int exponent = std::clamp(count - 1, 0, 30);
    const double nominal =
        std::min(static_cast<double>(backoff.firstMs) * std::ldexp(1.0, exponent),
                 static_cast<double>(backoff.capMs));
    return jittered(nominal, clamp_sample(sample), backoff);
}

int64_t longest_backoff_ms(const Backoff& backoff) {
    return jittered(static_cast<double>(backoff.capMs), 1.0, backoff);
}

}  // namespace ccp_relogin::base
