#pragma once
// The host's randomness, from the system's CSPRNG (base/system_random.h). Kept apart from the pure
// guard rules, which take these values as parameters.
#include <string>

namespace ccp_relogin::base {

// A random UUID version 4 in lowercase text, e.g.
// "3f2b8c1e-9a4d-4c7e-8b1f-2d3e4f5a6b7c". Throws std::runtime_error if the
// CSPRNG fails (it does not on a working system).
std::string new_correlation_id();

// A uniform sample in [0, 1): a guard::Jitter source.
double random_jitter();

}  // namespace ccp_relogin::base
