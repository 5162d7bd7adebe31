// libFuzzer target: the guard state file (guard.json), which every host
// process of the user rewrites and doctor and status read back
// (guard/guard_state.h): a corrupt or tampered file must be read safely, and
// what is read must survive a round trip and the status view.
#include "guard/guard_state.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "guard/guard_policy.h"

using namespace ccp_relogin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto state = guard::parse_state(text)) {
        (void)guard::to_json(*state).dump();
        (void)guard::status_json(*state, 1'700'000'000'000).dump();
    }
    return 0;
}
