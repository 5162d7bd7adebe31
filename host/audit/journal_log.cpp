#include "audit/journal_log.h"

#include "audit/log_view.h"

namespace ccp_relogin::audit {
namespace {

// Values that are text as they are, the rest as JSON text.
std::string text_of(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>()
                             : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

platform::SystemLogEntry system_log_entry(const nlohmann::json& line) {
    const std::string decision = event_string(line, "decision");
    platform::SystemLogEntry entry{readable_line(line),
                                   decision == "stop" || decision == "error"
                                       ? platform::SystemLogSeverity::kWarning
                                       : platform::SystemLogSeverity::kInformation,
                                   {}};
    auto& fields = entry.fields;
    for (const auto& [key, field] :
         {std::pair{"event", "CCP_RELOGIN_EVENT"}, std::pair{"kind", "CCP_RELOGIN_KIND"},
          std::pair{"id", "CCP_RELOGIN_ID"}})
        if (line.contains(key)) fields.emplace_back(field, text_of(line[key]));
    if (const nlohmann::json* profile = event_profile(line))
        fields.emplace_back("CCP_RELOGIN_PROFILE", text_of(*profile));
    fields.emplace_back("CCP_RELOGIN_JSON", text_of(line));
    return entry;
}

void JournalLog::enqueue(nlohmann::json line) {
    if (!enabled_ || !line.is_object()) return;
    try {
        platform::write_system_log(system_log_entry(line), destination_);
    } catch (const std::exception&) {
        // The system log is a copy; the local log has the line.
    }
}

}  // namespace ccp_relogin::audit
