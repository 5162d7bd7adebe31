#include "audit/audit_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <system_error>

#include "audit/redact.h"
#include "platform/posix_files.h"
#include "platform/private_dir.h"

namespace ccp_relogin::audit {
namespace {

using platform::FileLock;
using platform::UniqueFd;

// Never a FIFO (it would block until a reader came, with the lock held) or
// another user's file: the log must be ours alone.
UniqueFd open_log(const std::filesystem::path& path) {
    return platform::open_own_file(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
}

}  // namespace

std::string iso8601_utc(int64_t epochMs) {
    const auto seconds = static_cast<std::time_t>(epochMs / 1000);
    const auto millis = static_cast<int>(((epochMs % 1000) + 1000) % 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", millis);
    return std::string(date) + fraction;
}

AuditLog::AuditLog(std::filesystem::path dir, const base::Clock& clock, std::size_t maxBytes,
                   WarningSink warn)
    : dir_(std::move(dir)), clock_(clock), maxBytes_(maxBytes), warnSink_(std::move(warn)) {}

nlohmann::json AuditLog::record(const nlohmann::json& event) {
    nlohmann::json line;
    try {
        line = redact(event.is_object() ? event : nlohmann::json{{"event", event}});
        line["ts"] = iso8601_utc(clock_.now_ms());
        // Invalid UTF-8 from a page must not make the event unwritable.
        append_line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    } catch (const std::exception& e) {
        warn(e.what());
    }
    return line;
}

void AuditLog::append_line(const std::string& line) {
    // Whoever else could write the directory could read the trail or add to it.
    platform::prepare_private_dir(dir_, "the state directory");
    const FileLock lock(dir_ / kLockFileName, FileLock::Mode::kExclusive);
    const auto path = file();
    auto log = open_log(path);
    struct stat info {};
    if (::fstat(log.get(), &info) != 0)
        throw std::system_error(errno, std::generic_category(), "cannot stat " + path.string());
    // Rotate before the line would pass the cap; a single line larger than the
    // cap still gets written (to a fresh file) rather than lost.
    if (info.st_size > 0 && static_cast<std::size_t>(info.st_size) + line.size() > maxBytes_) {
        const auto rotated = dir_ / kRotatedFileName;
        if (::rename(path.c_str(), rotated.c_str()) != 0)
            throw std::system_error(errno, std::generic_category(),
                                    "cannot rotate " + path.string());
        log = open_log(path);
    }
    // With O_APPEND each write() lands at the end; the lock keeps one line's
    // writes together if write_all() ever needs more than one.
    platform::write_all(log.get(), line, path);
}

void AuditLog::warn(const std::string& text) {
    lastWarning_ = "audit log not written: " + text;
    if (warnSink_)
        warnSink_(lastWarning_);
    else
        std::cerr << "ccp-relogin: " << lastWarning_ << '\n';
}

}  // namespace ccp_relogin::audit
