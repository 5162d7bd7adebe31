#include "base/random_source.h"

#include <array>
#include <cstdint>
#include <cstdio>

#include "base/system_random.h"

namespace ccp_relogin::base {
namespace {

// The system's CSPRNG (base/system_random.h); the kernel's rather than
// libcrypto's: loading libcrypto for a few bytes per sign-in cost every host
// start more than the bytes are worth (README.md, "Benchmarks").
template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    fill_random(bytes);
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
