#include "audit/log_cursor.h"

#include <nlohmann/json.hpp>
#include <system_error>

#include "audit/audit_log.h"
#include "platform/files.h"

namespace ccp_relogin::audit {
namespace {

// Enough for hundreds of lines: a batch is read in one or two of these.
constexpr std::size_t kChunkBytes = 256 * 1024;

using platform::FileAccess;

struct OpenLog {
    platform::OpenFile file;
    LogPosition start;  // identity, offset 0
    std::uint64_t size = 0;
};

std::vector<OpenLog> open_logs(const std::filesystem::path& dir) {
    std::vector<OpenLog> logs;
    for (const auto& path : log_files_oldest_first(dir)) {
        auto file = platform::open_own_file_if_present(path, FileAccess::kRead);
        if (!file) continue;  // rotated away between listing and opening
        try {
            const auto identity = file->identity();
            const auto size = file->size();
            logs.push_back({std::move(*file), {identity.device, identity.file, 0}, size});
        } catch (const std::system_error&) {
            continue;  // as if rotated away: the next batch sees it again
        }
    }
    return logs;
}

// Complete lines of one file from `offset`, until `batch` holds `max_lines`;
// returns the offset just past the last line taken.
std::uint64_t take_lines(const OpenLog& log, std::uint64_t offset, std::size_t max_lines,
                         LogBatch& batch) {
    while (offset < log.size && batch.lines.size() < max_lines) {
        const std::string chunk =
            log.file.read_at(offset, std::min<std::uint64_t>(kChunkBytes, log.size - offset));
        std::size_t used = 0;
        for (std::size_t end; (end = chunk.find('\n', used)) != std::string::npos;) {
            batch.lines.push_back(chunk.substr(used, end - used));
            used = end + 1;
            if (batch.lines.size() == max_lines) break;
        }
        if (used == 0) break;  // no complete line in a whole chunk: not yet written
        offset += used;
    }
    return offset;
}

}  // namespace

LogBatch read_log_after(const std::filesystem::path& dir, const std::optional<LogPosition>& from,
                        std::size_t max_lines) {
    LogBatch batch;
    const std::vector<OpenLog> logs = open_logs(dir);
    if (logs.empty()) {
        batch.next = from.value_or(LogPosition{});
        return batch;
    }
    std::size_t index = logs.size() - 1;
    std::uint64_t offset = 0;
    if (from) {
        bool found = false;
        for (std::size_t i = 0; i < logs.size(); ++i)
            if (logs[i].start.device == from->device && logs[i].start.inode == from->inode) {
                index = i;
                // A file shorter than the position was replaced: from its start.
                offset = from->offset <= logs[i].size ? from->offset : 0;
                found = true;
            }
        if (!found) {
            index = 0;
            batch.resumed_late = true;
        }
    }
    for (;;) {
        offset = take_lines(logs[index], offset, max_lines, batch);
        const bool file_done = offset >= logs[index].size;
        if (batch.lines.size() == max_lines || !file_done || index + 1 == logs.size()) break;
        ++index;  // a rotated file read to its end: on to the next newer one
        offset = 0;
    }
    batch.next = logs[index].start;
    batch.next.offset = offset;
    return batch;
}

std::optional<LogPosition> load_position(const std::filesystem::path& dir) {
    try {
        const auto file =
            platform::open_own_file_if_present(dir / kForwardCursorFileName, FileAccess::kRead);
        if (!file) return std::nullopt;
        const auto j = nlohmann::json::parse(file->read_at(0, 4096), nullptr, false);
        if (!j.is_object()) return std::nullopt;
        LogPosition p;
        p.device = j.value("device", std::uint64_t{0});
        p.inode = j.value("inode", std::uint64_t{0});
        p.offset = j.value("offset", std::uint64_t{0});
        return p;
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable: start as a first forwarder would
    }
}

void save_position(const std::filesystem::path& dir, const LogPosition& position) {
    const auto path = dir / kForwardCursorFileName;
    const auto temporary = dir / (std::string(kForwardCursorFileName) + ".tmp");
    const std::string text =
        nlohmann::json{
            {"device", position.device}, {"inode", position.inode}, {"offset", position.offset}}
            .dump() +
        "\n";
    {
        auto file = platform::create_fresh_file(temporary);
        file.write_all(text);
    }
    platform::replace_file(temporary, path);
}

}  // namespace ccp_relogin::audit
