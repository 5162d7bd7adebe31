#include "helpdesk/guard_override.h"

namespace ccp_relogin::helpdesk {

bool clear_stop_for_helpdesk(guard::GuardState& state, std::string_view profile, int64_t now_ms) {
    const auto it = state.profiles.find(profile);
    if (it == state.profiles.end()) return false;
    auto& record = it->second;
    const bool lifted = (record.stopped && record.stopped->untilMs > now_ms) ||
                        record.blockedUntilMs > now_ms ||
                        (record.inFlight && record.inFlight->deadlineMs > now_ms);
    record.stopped.reset();
    record.blockedUntilMs = 0;
    record.lastLandedMs.reset();
    record.inFlight.reset();
    return lifted;
}

}  // namespace ccp_relogin::helpdesk
