#pragma once
// audit/ owns the audit trail: what the host decided and why, one JSON line per
// event in <state_dir>/audit.jsonl, redacted before it is written (redact.h).
//
// Each line carries "id" (a random UUID, for collectors to drop duplicates),
// "ts" (ISO 8601 UTC, milliseconds), "host", "user" and "prev", the link of
// the hash chain (log_chain.h). The guarantees, for any number of host
// processes at once:
//  - a line is appended whole, by one append under a lock on
//    <dir>/audit.lock (platform/files.h), never mixed with another process's line, and is in
//    the file (the kernel's) before record() returns, so a process killed
//    right after loses nothing it recorded;
//  - lines that change what the host does (every one but "hello" and a
//    decision to wait) are also synced to disk before record() returns, so
//    they survive a power cut; the routine ones reach the disk with the
//    next synced line or within the file system's commit interval;
//  - a last line cut short by a crash is ended with a newline before the
//    next line, so it never glues onto it (readers skip it: log_chain.h);
//  - at maxBytes the file rotates: audit.jsonl.1 … audit.jsonl.5 are kept
//    (rename, as log shippers expect), and the chain carries on.
// The directory must be ours and writable by nobody else, the log a regular
// file of ours (platform/private_dir.h, platform/files.h). A failure
// to write warns on stderr and is otherwise ignored: the audit log must
// never break a re-login.
//
// Host mode records through audit_trail.h, which also hands each written
// line's news to forwarding (forward_process.h) when audit.forwardUrl is set.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"

namespace ccp_relogin::audit {

using WarningSink = std::function<void(const std::string&)>;

using IdSource = std::function<std::string()>;

// Who writes the lines: "host" and "user" (platform/process_identity.h).
struct LineOrigin {
    std::string host;
    std::string user;
};
LineOrigin this_process_origin();

class AuditLog {
  public:
    static constexpr std::size_t kDefaultMaxBytes = 5 * 1024 * 1024;
    static constexpr std::size_t kKeptFiles = 5;  // audit.jsonl.1 … .5
    static constexpr const char* kFileName = "audit.jsonl";
    static constexpr const char* kLockFileName = "audit.lock";

    explicit AuditLog(std::filesystem::path dir, const base::Clock& clock = base::system_clock(),
                      std::size_t maxBytes = kDefaultMaxBytes, WarningSink warn = {},
                      LineOrigin origin = this_process_origin(), IdSource ids = {});

    // Appends redact(event) plus the fields above. `event` should be an
    // object; anything else is wrapped as {"event": …}. Returns that line
    // (also when writing it failed, so it can still be forwarded), or null
    // if it could not be made.
    nlohmann::json record(const nlohmann::json& event);

    std::filesystem::path file() const { return dir_ / kFileName; }
    // audit.jsonl.N (N ≥ 1), the N-th oldest generation back.
    std::filesystem::path rotated_file(std::size_t generation) const;
    const std::string& last_warning() const { return lastWarning_; }

  private:
    void append(nlohmann::json& line, bool sync);
    void rotate();
    void warn(const std::string& text);

    std::filesystem::path dir_;
    const base::Clock& clock_;
    std::size_t maxBytes_;
    WarningSink warnSink_;
    LineOrigin origin_;
    IdSource ids_;
    std::string lastWarning_;
};

// The files of a log, oldest first (audit.jsonl.5 … audit.jsonl.1,
// audit.jsonl), those that exist.
std::vector<std::filesystem::path> log_files_oldest_first(const std::filesystem::path& dir);

// "2024-05-01T12:34:56.789Z"
std::string iso8601_utc(int64_t epochMs);

// The inverse, for exactly that form; nullopt for anything else.
std::optional<int64_t> parse_iso8601_utc(std::string_view text);

}  // namespace ccp_relogin::audit
