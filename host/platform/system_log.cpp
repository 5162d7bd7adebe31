#include "platform/system_log.h"

namespace ccp_relogin::platform {

std::vector<std::pair<std::string, std::string>> journal_fields(const SystemLogEntry& entry) {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"MESSAGE", entry.message},
        {"PRIORITY", entry.severity == SystemLogSeverity::kWarning ? "4" : "6"},
        {"SYSLOG_IDENTIFIER", kSystemLogName}};
    fields.insert(fields.end(), entry.fields.begin(), entry.fields.end());
    return fields;
}

std::string event_log_text(const SystemLogEntry& entry) {
    std::string text = entry.message;
    for (const auto& [name, value] : entry.fields) text += "\r\n" + name + "=" + value;
    return text;
}

}  // namespace ccp_relogin::platform
