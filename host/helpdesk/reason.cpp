#include "helpdesk/reason.h"

#include <cstdint>

#include "base/text.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {

std::string sanitise_reason(std::string_view raw) {
    std::string text = base::printable_utf8(raw, kMaxReasonBytes);
    return text.empty() ? std::string(kDefaultReason) : text;
}

}  // namespace ccp_relogin::helpdesk
