#include "audit/audit_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
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

// Calendar arithmetic, not gmtime_r: glibc's gmtime reads /etc/localtime
// first, and a timestamp in UTC needs no time zone.
std::string iso8601_utc(int64_t epochMs) {
    using namespace std::chrono;
    const sys_time<milliseconds> time{milliseconds(epochMs)};
    const sys_days day = floor<days>(time);
    const year_month_day date(day);
    const hh_mm_ss clock(time - day);
    char text[40];
    std::snprintf(
        text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
        static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
    return text;
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
