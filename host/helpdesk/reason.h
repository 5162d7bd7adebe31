#pragma once
// The helpdesk's free-text reason travels to the extension (which shows it
// and reports it back as `expired` evidence) and into the audit log, so it is
// made safe for both before it leaves the socket thread. Pure.
#include <cstddef>
#include <string>
#include <string_view>

namespace ccp_relogin::helpdesk {

// The helpdesk reason as it is pushed and logged: `raw` made printable and cut
// to kMaxReasonBytes (base::printable_utf8), or kDefaultReason when nothing
// is left.
std::string sanitise_reason(std::string_view raw);

}  // namespace ccp_relogin::helpdesk
