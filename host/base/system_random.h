#pragma once
// The operating system's CSPRNG: one function, one implementation per system
// (posix_system_random.cpp: getrandom; windows_system_random.cpp:
// BCryptGenRandom), chosen by the build (cmake/host_layer.cmake).
#include <span>

namespace ccp_relogin::base {

// Fills `bytes` with random bytes. Throws std::runtime_error (a
// std::system_error) if the system's generator fails; it does not on a
// working system.
void fill_random(std::span<unsigned char> bytes);

}  // namespace ccp_relogin::base
