#pragma once
// The helpdesk's free-text reason travels to the extension (which shows it
// and reports it back as `expired` evidence) and into the audit log, so it is
// made safe for both before it leaves the socket thread. Pure.
#include <cstddef>
#include <string>
#include <string_view>

namespace ccp_relogin::ipc {

// `raw` (valid UTF-8: it came through the JSON parser) with control
// characters (C0, DEL, C1), the Unicode bidirectional controls and line
// separators replaced by a space, runs of spaces collapsed, both ends
// trimmed, and cut to `max_bytes` on a character boundary. May be empty.
std::string printable_text(std::string_view raw, std::size_t max_bytes);

// The helpdesk reason as it is pushed and logged: printable_text(raw,
// kMaxReasonBytes), or kDefaultReason when nothing is left. (Bidirectional
// controls are removed because they can make a log line read differently
// from what it holds.)
std::string sanitise_reason(std::string_view raw);

}  // namespace ccp_relogin::ipc
