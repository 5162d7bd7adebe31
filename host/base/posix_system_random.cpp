#include <sys/random.h>

#include <cerrno>
#include <system_error>

#include "base/system_random.h"

namespace ccp_relogin::base {

// The kernel's CSPRNG through getrandom(2), the source OpenSSL itself seeds
// from: the host process needs a few random bytes per sign-in, and loading
// libcrypto for them cost every host start more than the bytes are worth
// (README.md, "Benchmarks"). Blocks only until the pool is first
// initialised at boot.
void fill_random(std::span<unsigned char> bytes) {
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t n = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw std::system_error(errno, std::generic_category(),
                                    "the system's random number generator failed");
        filled += static_cast<std::size_t>(n);
    }
}

}  // namespace ccp_relogin::base
