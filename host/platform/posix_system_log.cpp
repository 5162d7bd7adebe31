#include "platform/journal_socket.h"
#include "platform/system_log.h"

namespace ccp_relogin::platform {

bool write_system_log(const SystemLogEntry& entry, const std::string& destination) {
    return send_to_journal(journal_fields(entry),
                           destination.empty() ? std::string(kJournalSocket) : destination);
}

}  // namespace ccp_relogin::platform
