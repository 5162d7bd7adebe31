#pragma once
// The system's own log, where the log shippers a company already runs pick
// up a desktop's logs: one header, one implementation per system.
//  - posix_system_log.cpp: the systemd journal (its native protocol,
//    journal_socket.h), one entry with a field per value;
//  - windows_system_log.cpp: the Windows Event Log, the Application log,
//    source "ccp-relogin", one event with one string.
// What an entry becomes on each is pure (journal_fields, event_log_text) and
// tested on every system; only write_system_log talks to the system.
#include <string>
#include <utility>
#include <vector>

namespace ccp_relogin::platform {

// The journal's SYSLOG_IDENTIFIER and the Event Log's source name.
inline constexpr const char* kSystemLogName = "ccp-relogin";

enum class SystemLogSeverity { kInformation, kWarning };

struct SystemLogEntry {
    std::string message;  // one readable line
    SystemLogSeverity severity = SystemLogSeverity::kInformation;
    // Named values (names: A-Z, 0-9 and _, as the journal wants them),
    // single-line text each.
    std::vector<std::pair<std::string, std::string>> fields;
};

// Writes one entry; never waits, never throws. False when the system has no
// such log (no journal), refuses the entry, or a value holds a newline (the
// entry is refused whole rather than sent broken). `destination`: empty for
// the system's own; POSIX: a datagram socket standing for the journal's
// (tests bind one); Windows: an event source name instead of ours.
bool write_system_log(const SystemLogEntry& entry, const std::string& destination = {});

// The journal's fields for `entry`: MESSAGE, PRIORITY (syslog's 6,
// informational, or 4, warning), SYSLOG_IDENTIFIER, then entry.fields.
std::vector<std::pair<std::string, std::string>> journal_fields(const SystemLogEntry& entry);

// The Event Log's one string for `entry`: the message, then one
// "NAME=value" line per field (CRLF, as Event Viewer shows lines), so that
// a shipper that reads only the event's text gets the values the journal
// gets as fields. The event's type carries the severity.
std::string event_log_text(const SystemLogEntry& entry);

}  // namespace ccp_relogin::platform
