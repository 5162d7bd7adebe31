#include <windows.h>

#include "base/system_random.h"
// <windows.h> first: bcrypt.h needs its types.
#include <bcrypt.h>

#include <algorithm>
#include <limits>
#include <system_error>

namespace ccp_relogin::base {

// The system-preferred RNG through BCryptGenRandom, what Windows itself
// offers in getrandom's place: no algorithm handle to open, no DLL beyond
// bcrypt.dll (part of every Windows since Vista).
void fill_random(std::span<unsigned char> bytes) {
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        // BCryptGenRandom takes a ULONG count: fill in chunks that fit.
        const auto chunk = static_cast<ULONG>(
            std::min<std::size_t>(bytes.size() - filled, std::numeric_limits<ULONG>::max()));
        const NTSTATUS status = ::BCryptGenRandom(nullptr, bytes.data() + filled, chunk,
                                                  BCRYPT_USE_SYSTEM_PREFERRED_RNG);
        if (status < 0)
            throw std::system_error(static_cast<int>(status), std::system_category(),
                                    "the system's random number generator failed");
        filled += chunk;
    }
}

}  // namespace ccp_relogin::base
