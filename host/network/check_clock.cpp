#include "network/check_clock.h"

#include <algorithm>
#include <cstdlib>

namespace ccp_relogin::network {
namespace {

// Date has one-second resolution: the server's time lies in [S, S+1).
constexpr int64_t kHalfSecondMs = 500;

std::string seconds_phrase(int64_t skew_ms) {
    const int64_t seconds = std::llabs(skew_ms) / 1000;
    const std::string amount = seconds >= 120 ? std::to_string(seconds / 60) + " min " +
                                                    std::to_string(seconds % 60) + " s"
                                              : std::to_string(seconds) + " s";
    return amount + (skew_ms > 0 ? " behind" : " ahead of");
}

}  // namespace

doctor::CheckResult evaluate_clock(const std::vector<ClockSample>& samples) {
    doctor::CheckResult result{"clock", doctor::Status::kOk, "", "", {}};
    if (samples.empty()) {
        result.status = doctor::Status::kSkip;
        result.summary = "no HTTPS answer with a Date header to compare with";
        return result;
    }
    // skew > 0: the servers are ahead, the local clock is behind.
    std::vector<int64_t> skews;
    for (const auto& s : samples)
        skews.push_back(s.server_epoch_s * 1000 + kHalfSecondMs - s.local_ms);
    std::sort(skews.begin(), skews.end());
    const int64_t skew = skews[skews.size() / 2];
    const int64_t magnitude = std::llabs(skew);
    const std::string compared = " (median of " + std::to_string(samples.size()) + " server(s))";
    if (magnitude <= std::chrono::milliseconds(kWarnSkew).count()) {
        result.summary = "the local clock is within " + std::to_string(kWarnSkew.count()) +
                         " s of the servers'" + compared;
        return result;
    }
    result.status = magnitude > std::chrono::milliseconds(kFailSkew).count()
                        ? doctor::Status::kFail
                        : doctor::Status::kWarn;
    result.summary = "the local clock is " + seconds_phrase(skew) + " the servers'" + compared +
                     "; certificates and session cookies may be judged wrongly";
    result.fix =
        "turn on time synchronisation (Linux: timedatectl set-ntp true; Windows: w32tm /resync; "
        "macOS: Date & Time settings)";
    return result;
}

}  // namespace ccp_relogin::network
