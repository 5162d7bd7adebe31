#pragma once
// POSIX only (posix_journal_socket.cpp), behind system_log.h: the systemd
// journal's native protocol, as far as the audit trail needs it:
// one datagram of "FIELD=value\n" lines to /run/systemd/journal/socket
// (systemd's "Native Journal Protocol"; values with a newline would need
// its binary framing, which these never have: they are single-line text).
// Hand-written rather than sd_journal_send(): libsystemd is a shared
// library, and the host loads none (docs/architecture.md, "Processes").
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace ccp_relogin::platform {

inline constexpr const char* kJournalSocket = "/run/systemd/journal/socket";

using JournalFields = std::vector<std::pair<std::string, std::string>>;

// Sends one entry without waiting; false when there is no journal (no
// socket), it is busy, or a value holds a newline (such a field is refused
// whole rather than sent broken).
bool send_to_journal(const JournalFields& fields,
                     const std::filesystem::path& socket = kJournalSocket);

}  // namespace ccp_relogin::platform
