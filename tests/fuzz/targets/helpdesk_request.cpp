// libFuzzer target: one request line on the helpdesk socket (any process of
// the same user can write one), parsed and sanitised (helpdesk/request.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "helpdesk/request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    (void)ccp_relogin::helpdesk::parse_helpdesk_request(line);
    return 0;
}
