#include "base/random_source.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <system_error>

namespace ccp_relogin::base {
namespace {

// The kernel's CSPRNG through getrandom(2), the source OpenSSL itself seeds
// from: the host process needs a few random bytes per sign-in, and loading
// libcrypto for them cost every host start more than the bytes are worth
// (README.md, "Benchmarks"). Blocks only until the pool is first
// initialised at boot. (Windows: BCryptGenRandom, the same role.)
template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    std::size_t filled = 0;
    while (filled < N) {
        const ssize_t n = ::getrandom(bytes.data() + filled, N - filled, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw std::system_error(errno, std::generic_category(),
                                    "the system's random number generator failed");
        filled += static_cast<std::size_t>(n);
    }
    return bytes;
}

}  // namespace

std::string new_correlation_id() {
    auto b = random_bytes<16>();
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    // 36 characters + NUL; the format is fixed, so snprintf is the plain way.
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return text;
}

double random_jitter() {
    auto b = random_bytes<8>();
    uint64_t value = 0;
    for (auto byte : b) value = (value << 8) | byte;
    // The top 53 bits fill a double's mantissa exactly: uniform in [0, 1).
    return static_cast<double>(value >> 11) / static_cast<double>(uint64_t{1} << 53);
}

}  // namespace ccp_relogin::base
