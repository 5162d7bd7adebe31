#pragma once
// audit.systemLog: every audit line also goes to the systemd journal, where
// the log shippers a company already runs (journald forwarding to syslog,
// Fluent Bit's systemd input, Elastic Agent, Splunk's journald input) pick
// it up with the rest of the desktop's logs. The entry's MESSAGE is the
// readable line of `ccp-relogin log`; its fields carry the rest:
//   SYSLOG_IDENTIFIER=ccp-relogin, PRIORITY (6, or 4 for a stop or a
//   refusal), CCP_RELOGIN_EVENT, CCP_RELOGIN_KIND, CCP_RELOGIN_ID,
//   CCP_RELOGIN_PROFILE (those the line has), and CCP_RELOGIN_JSON, the
//   line as written. A desktop without a journal just doesn't get them.
// (The Windows Event Log is the Windows issue's.)
#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "audit/line_forwarder.h"
#include "platform/journal_socket.h"

namespace ccp_relogin::audit {

// Pure: the journal fields for an audit line.
platform::JournalFields journal_fields(const nlohmann::json& line);

class JournalLog final : public LineForwarder {
  public:
    explicit JournalLog(std::filesystem::path socket = platform::kJournalSocket)
        : socket_(std::move(socket)) {}

    // Thread-safe: configuration loads flip it.
    void set_enabled(bool enabled) { enabled_ = enabled; }

    // Sends `line` when enabled; never waits, never throws.
    void enqueue(nlohmann::json line) override;

  private:
    std::filesystem::path socket_;
    std::atomic<bool> enabled_{false};
};

}  // namespace ccp_relogin::audit
