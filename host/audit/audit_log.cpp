#include "audit/audit_log.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <system_error>

#include "audit/log_chain.h"
#include "audit/redact.h"
#include "base/random_source.h"
#include "platform/files.h"
#include "platform/private_dir.h"
#include "platform/process_identity.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;
using platform::FileAccess;
using platform::FileLock;
using platform::OpenFile;

constexpr std::uint64_t kTailChunkBytes = 8 * 1024;
// A line is a few hundred bytes (redact.h bounds what an event can hold);
// a "last line" longer than this is damage, not a line to link to.
constexpr std::uint64_t kMaxTailBytes = 1024 * 1024;

// Never a FIFO (it would block until a reader came, with the lock held) or
// another user's file: the log must be ours alone. Read as well as
// appended: each append reads the line before it, for the chain.
OpenFile open_log(const std::filesystem::path& path) {
    return platform::open_own_file(path, FileAccess::kReadAppend);
}

// The end of a log file: its last complete line, and what follows it
// without a newline (a write cut short; empty when the file ends cleanly).
struct LogTail {
    std::optional<std::string> last_line;
    std::string fragment;
};

// Reads back from the end, a chunk at a time, until the last complete line
// is whole: usually one read of the last 8 KiB.
LogTail read_tail(const OpenFile& log, std::uint64_t size) {
    std::string bytes;
    std::uint64_t from = size;
    for (;;) {
        const auto end = bytes.rfind('\n');
        if (end != std::string::npos) {
            const auto before = end == 0 ? std::string::npos : bytes.rfind('\n', end - 1);
            if (before != std::string::npos || from == 0) {
                const auto begin = before == std::string::npos ? 0 : before + 1;
                return {bytes.substr(begin, end - begin), bytes.substr(end + 1)};
            }
        } else if (from == 0) {
            return {std::nullopt, bytes};
        }
        if (size - from >= kMaxTailBytes)
            return {std::nullopt, bytes.substr(bytes.rfind('\n') + 1)};
        const std::uint64_t chunk = std::min(kTailChunkBytes, from);
        from -= chunk;
        const std::string piece = log.read_at(from, static_cast<std::size_t>(chunk));
        if (piece.size() != chunk)  // the file shrank under the lock: not ours to mend
            throw std::system_error(std::make_error_code(std::errc::io_error),
                                    "cannot read " + log.path().string());
        bytes.insert(0, piece);
    }
}

LogTail tail_of(const std::filesystem::path& path) {
    const auto log = platform::open_own_file_if_present(path, FileAccess::kRead);
    if (!log) return {};
    return read_tail(*log, log->size());
}

// Lines that change what the host does must survive a power cut; "hello"
// and a decision to wait come at every start and every repeated expiry, and
// a sync each would double what those cost (README.md, "Benchmarks").
bool must_reach_disk(const json& line) {
    return line.value("event", "") != "hello" && line.value("decision", "") != "wait";
}

}  // namespace

LineOrigin this_process_origin() { return {platform::host_name(), platform::user_name()}; }

std::vector<std::filesystem::path> log_files_oldest_first(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ignored;
    for (std::size_t g = AuditLog::kKeptFiles; g >= 1; --g) {
        const auto path = dir / (std::string(AuditLog::kFileName) + "." + std::to_string(g));
        if (std::filesystem::exists(path, ignored)) files.push_back(path);
    }
    if (std::filesystem::exists(dir / AuditLog::kFileName, ignored))
        files.push_back(dir / AuditLog::kFileName);
    return files;
}

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

std::optional<int64_t> parse_iso8601_utc(std::string_view text) {
    int year = 0;
    unsigned month = 0, day = 0;
    int hour = 0, minute = 0, second = 0, millis = 0;
    char zone = 0;
    // The fixed form iso8601_utc writes; %n catches trailing text.
    int used = 0;
    const std::string copy(text);
    if (text.size() != 24 ||
        std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d.%3d%c%n", &year, &month, &day, &hour,
                    &minute, &second, &millis, &zone, &used) != 8 ||
        used != 24 || zone != 'Z')
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day date{std::chrono::year(year), std::chrono::month(month),
                              std::chrono::day(day)};
    if (!date.ok() || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 ||
        second < 0 || millis < 0)
        return std::nullopt;
    const auto time =
        sys_days(date) + hours(hour) + minutes(minute) + seconds(second) + milliseconds(millis);
    return duration_cast<milliseconds>(time.time_since_epoch()).count();
}

AuditLog::AuditLog(std::filesystem::path dir, const base::Clock& clock, std::size_t maxBytes,
                   WarningSink warn, LineOrigin origin, IdSource ids)
    : dir_(std::move(dir)),
      clock_(clock),
      maxBytes_(maxBytes),
      warnSink_(std::move(warn)),
      origin_(std::move(origin)),
      ids_(ids ? std::move(ids) : IdSource(base::new_correlation_id)) {}

std::filesystem::path AuditLog::rotated_file(std::size_t generation) const {
    return dir_ / (std::string(kFileName) + "." + std::to_string(generation));
}

json AuditLog::record(const json& event) {
    json line;
    try {
        line = redact(event.is_object() ? event : json{{"event", event}});
        line["ts"] = iso8601_utc(clock_.now_ms());
        line["id"] = ids_();
        line["host"] = origin_.host;
        line["user"] = origin_.user;
        append(line, must_reach_disk(line));
    } catch (const std::exception& e) {
        warn(e.what());
    }
    return line;
}

void AuditLog::append(json& line, bool sync) {
    // Whoever else could write the directory could read the trail or add to it.
    platform::prepare_private_dir(dir_, "the state directory");
    const FileLock lock(dir_ / kLockFileName, FileLock::Mode::kExclusive);
    const auto path = file();
    auto log = open_log(path);
    const std::uint64_t size = log.size();
    LogTail tail = read_tail(log, size);
    // A file just begun links to the last line of the one rotated away.
    if (!tail.last_line && tail.fragment.empty())
        tail.last_line = tail_of(rotated_file(1)).last_line;
    const auto link_to = [](const std::optional<std::string>& previous) {
        return previous ? chain_link(*previous) : std::string(kChainStart);
    };
    // A line cut short stays, ended by a newline, and the chain goes through it.
    const bool torn = !tail.fragment.empty();
    line["prev"] = torn ? chain_link(tail.fragment) : link_to(tail.last_line);
    // Invalid UTF-8 from a page must not make the event unwritable.
    const auto dump = [&] { return line.dump(-1, ' ', false, json::error_handler_t::replace); };
    std::string text = dump();
    // Rotate before the line would pass the cap; a single line larger than
    // the cap still gets written (to a fresh file) rather than lost.
    if (size > 0 && size + text.size() > maxBytes_) {
        rotate();
        log = open_log(path);
        if (torn) {  // the fragment went with the old file, unlinked (log_chain.h)
            line["prev"] = link_to(tail.last_line);
            text = dump();
        }
    } else if (torn) {
        text.insert(0, "\n");
    }
    // One append: the whole line lands at the end at once (platform/files.h).
    log.write_all(text + "\n");
    if (sync) log.sync();
}

// audit.jsonl → .1 → … → .kKeptFiles, the oldest replaced; under the lock.
void AuditLog::rotate() {
    for (std::size_t g = kKeptFiles; g >= 2; --g) {
        const auto from = rotated_file(g - 1);
        const auto to = rotated_file(g);
        platform::move_file_if_present(from, to);
    }
    platform::replace_file(file(), rotated_file(1));
}

void AuditLog::warn(const std::string& text) {
    lastWarning_ = "audit log not written: " + text;
    if (warnSink_)
        warnSink_(lastWarning_);
    else
        std::cerr << "ccp-relogin: " << lastWarning_ << '\n';
}

}  // namespace ccp_relogin::audit
