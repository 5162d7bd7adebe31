// libFuzzer target: a page URL, which a web page controls, matched to a
// profile and checked as a return target (federation/profile_match.h,
// federation/return_url.h).
#include "federation/profile_match.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "federation/return_url.h"
#include "fuzz_support.h"

using namespace ccp_relogin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const config::LoadedConfig loaded = fuzz::fuzz_config();
    const std::string_view url(reinterpret_cast<const char*>(data), size);
    if (const config::Profile* profile = federation::match_profile(loaded.config, url))
        (void)federation::choose_return_url(*profile, url);
    for (const auto& profile : loaded.config.profiles)
        (void)federation::choose_return_url(profile, url);
    return 0;
}
