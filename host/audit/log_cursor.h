#pragma once
// Reading the audit log from where forwarding left off, across rotation
// (audit_log.h): a position names a file by its identity (platform::FileIdentity: device and inode,
// which rename keeps) and a byte offset in it, so it still holds after the
// file it points into became audit.jsonl.1, .2 … The forwarder keeps its
// position in <state_dir>/forward.cursor and moves it only past lines the
// collector took (log_forwarder.h): what was not sent when a process ended
// is sent by the next one.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ccp_relogin::audit {

inline constexpr const char* kForwardCursorFileName = "forward.cursor";

struct LogPosition {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t offset = 0;
    bool operator==(const LogPosition&) const = default;
};

struct LogBatch {
    std::vector<std::string> lines;  // complete lines, without their newlines
    LogPosition next;                // just past the last of them
    // The position's file was rotated away (more than AuditLog::kKeptFiles
    // rotations behind): reading started at the oldest file kept.
    bool resumed_late = false;
};

// At most `max_lines` complete lines after `from`, oldest first, across the
// files kept; without a position, from the start of audit.jsonl (a first
// forwarder sends the current file, not everything ever kept). A last line
// without its newline (being written) is left for the next read.
LogBatch read_log_after(const std::filesystem::path& dir, const std::optional<LogPosition>& from,
                        std::size_t max_lines);

// <dir>/forward.cursor, ours and regular; nullopt if missing or unreadable.
std::optional<LogPosition> load_position(const std::filesystem::path& dir);
// Replaces it atomically (a temporary file renamed over it).
void save_position(const std::filesystem::path& dir, const LogPosition& position);

}  // namespace ccp_relogin::audit
