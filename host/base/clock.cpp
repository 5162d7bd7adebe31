#include "base/clock.h"

#include <chrono>

namespace ccp_relogin::base {

int64_t SystemClock::now_ms() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const Clock& system_clock() {
    static const SystemClock clock;
    return clock;
}

}  // namespace ccp_relogin::base
