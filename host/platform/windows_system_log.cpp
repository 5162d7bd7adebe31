#include <windows.h>

#include <exception>

#include "platform/system_log.h"
#include "platform/windows_handle.h"

// The event source must be registered for Event Viewer to show the event
// well: the key
// HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\ccp-relogin
// with EventMessageFile (a message file whose message kEventId is "%1") and
// TypesSupported. Writing it needs administrator rights, which the host never
// has, so it is the MSI's job. Without it ReportEventW still writes the event
// to the Application log, with its source, type and string; Event Viewer then
// shows "The description for Event ID 1 from source ccp-relogin cannot be
// found…", followed by "The following information was included with the
// event:" and our string, and collectors that read the event's strings get
// them as they are.

namespace ccp_relogin::platform {
namespace {

constexpr DWORD kEventId = 1;
// ReportEventW's limit for one string.
constexpr std::size_t kMaxEventChars = 31'839;

WORD event_type(SystemLogSeverity severity) {
    return severity == SystemLogSeverity::kWarning ? EVENTLOG_WARNING_TYPE
                                                   : EVENTLOG_INFORMATION_TYPE;
}

// The journal's rule, kept here so both systems refuse the same entries.
bool has_newline(const SystemLogEntry& entry) {
    if (entry.message.find('\n') != std::string::npos) return true;
    for (const auto& field : entry.fields)
        if (field.second.find('\n') != std::string::npos) return true;
    return false;
}

std::wstring event_string(const SystemLogEntry& entry) {
    std::wstring text = widen(event_log_text(entry));
    if (text.size() > kMaxEventChars) {
        text.resize(kMaxEventChars);
        if (IS_HIGH_SURROGATE(text.back())) text.pop_back();  // half a character
    }
    return text;
}

}  // namespace

// Registered and deregistered per entry: audit lines come a few an hour, and
// no handle then outlives a configuration that turns the log off.
bool write_system_log(const SystemLogEntry& entry, const std::string& destination) {
    if (has_newline(entry)) return false;
    try {
        const std::wstring text = event_string(entry);
        const std::wstring source = widen(destination.empty() ? kSystemLogName : destination);
        const HANDLE log = ::RegisterEventSourceW(nullptr, source.c_str());
        if (log == nullptr) return false;
        LPCWSTR strings[] = {text.c_str()};
        const BOOL reported = ::ReportEventW(log, event_type(entry.severity), 0, kEventId, nullptr,
                                             1, 0, strings, nullptr);
        ::DeregisterEventSource(log);
        return reported != FALSE;
    } catch (const std::exception&) {
        return false;  // not UTF-8 (widen), or out of memory
    }
}

}  // namespace ccp_relogin::platform
