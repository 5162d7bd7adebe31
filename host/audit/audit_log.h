#pragma once
// audit/ owns the audit trail: what the host decided and why, one JSON line per
// event in <state_dir>/audit.jsonl, redacted before it is written (redact.h).
//
// Appends use O_APPEND under an flock on <dir>/audit.lock, so lines from
// several host processes never interleave; the file rotates to audit.jsonl.1
// when it would pass maxBytes. The directory must be ours and writable by
// nobody else, the log a regular file of ours (platform/private_dir.h,
// platform/posix_files.h). A failure to write warns on stderr and is
// otherwise ignored: the audit log must never break a re-login.
//
// Host mode records through audit_trail.h, which also hands each written
// line to the forwarder (audit_forwarder.h) when audit.forwardUrl is set.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.h"

namespace ccp_relogin::audit {

using WarningSink = std::function<void(const std::string&)>;

class AuditLog {
  public:
    static constexpr std::size_t kDefaultMaxBytes = 5 * 1024 * 1024;
    static constexpr const char* kFileName = "audit.jsonl";
    static constexpr const char* kRotatedFileName = "audit.jsonl.1";
    static constexpr const char* kLockFileName = "audit.lock";

    explicit AuditLog(std::filesystem::path dir, const base::Clock& clock = base::system_clock(),
                      std::size_t maxBytes = kDefaultMaxBytes, WarningSink warn = {});

    // Appends redact(event) plus "ts" (ISO 8601 UTC, milliseconds). `event`
    // should be an object; anything else is wrapped as {"event": …}. Returns
    // that line (also when writing it failed, so it can still be forwarded),
    // or null if it could not be made.
    nlohmann::json record(const nlohmann::json& event);

    std::filesystem::path file() const { return dir_ / kFileName; }
    const std::string& last_warning() const { return lastWarning_; }

  private:
    void append_line(const std::string& line);
    void warn(const std::string& text);

    std::filesystem::path dir_;
    const base::Clock& clock_;
    std::size_t maxBytes_;
    WarningSink warnSink_;
    std::string lastWarning_;
};

// "2024-05-01T12:34:56.789Z"
std::string iso8601_utc(int64_t epochMs);

}  // namespace ccp_relogin::audit
