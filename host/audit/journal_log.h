#pragma once
// audit.systemLog: every audit line also goes to the system's own log
// (platform/system_log.h: the systemd journal on Linux, the Windows Event Log
// on Windows), where the log shippers a company already runs (journald
// forwarding to syslog, Fluent Bit's systemd input, Elastic Agent, Splunk's
// journald input; Winlogbeat and the Windows event collectors) pick it up
// with the rest of the desktop's logs. The entry's message is the readable
// line of `ccp-relogin log`; its fields carry the rest: CCP_RELOGIN_EVENT,
// CCP_RELOGIN_KIND, CCP_RELOGIN_ID, CCP_RELOGIN_PROFILE (those the line
// has), and CCP_RELOGIN_JSON, the line as written; a stop or a refusal is a
// warning, the rest information. In the journal that is
// SYSLOG_IDENTIFIER=ccp-relogin and PRIORITY 4 or 6 with a field each; in
// the Event Log an event of source ccp-relogin whose one string holds them
// all. A desktop without such a log just doesn't get them.
#include <atomic>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/line_forwarder.h"
#include "platform/system_log.h"

namespace ccp_relogin::audit {

// Pure: the system-log entry for an audit line.
platform::SystemLogEntry system_log_entry(const nlohmann::json& line);

class JournalLog final : public LineForwarder {
  public:
    // `destination`: platform::write_system_log's; empty for the system's own.
    explicit JournalLog(std::string destination = {}) : destination_(std::move(destination)) {}

    // Thread-safe: configuration loads flip it.
    void set_enabled(bool enabled) { enabled_ = enabled; }

    // Sends `line` when enabled; never waits, never throws.
    void enqueue(nlohmann::json line) override;

  private:
    std::string destination_;
    std::atomic<bool> enabled_{false};
};

}  // namespace ccp_relogin::audit
