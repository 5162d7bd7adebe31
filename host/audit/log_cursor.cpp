#include "audit/log_cursor.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <system_error>

#include "audit/audit_log.h"
#include "platform/posix_files.h"

namespace ccp_relogin::audit {
namespace {

// Enough for hundreds of lines: a batch is read in one or two of these.
constexpr std::size_t kChunkBytes = 256 * 1024;

struct OpenLog {
    platform::UniqueFd fd;
    LogPosition start;  // identity, offset 0
    std::uint64_t size = 0;
};

std::vector<OpenLog> open_logs(const std::filesystem::path& dir) {
    std::vector<OpenLog> logs;
    for (const auto& path : log_files_oldest_first(dir)) {
        auto fd = platform::open_own_file_if_present(path, O_RDONLY, 0);
        if (!fd) continue;  // rotated away between listing and opening
        struct stat info {};
        if (::fstat(fd->get(), &info) != 0) continue;
        logs.push_back(
            {std::move(*fd),
             {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino), 0},
             static_cast<std::uint64_t>(info.st_size)});
    }
    return logs;
}

std::string read_at(int fd, std::uint64_t offset, std::size_t size) {
    std::string text(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::pread(fd, text.data() + got, size - got, off_t(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

// Complete lines of one file from `offset`, until `batch` holds `max_lines`;
// returns the offset just past the last line taken.
std::uint64_t take_lines(const OpenLog& log, std::uint64_t offset, std::size_t max_lines,
                         LogBatch& batch) {
    while (offset < log.size && batch.lines.size() < max_lines) {
        const std::string chunk =
            read_at(log.fd.get(), offset, std::min<std::uint64_t>(kChunkBytes, log.size - offset));
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
        auto fd = platform::open_own_file_if_present(dir / kForwardCursorFileName, O_RDONLY, 0);
        if (!fd) return std::nullopt;
        const auto j = nlohmann::json::parse(platform::read_up_to(fd->get(), 4096), nullptr, false);
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
        auto fd = platform::create_fresh_file(temporary, O_WRONLY, 0600);
        platform::write_all(fd.get(), text, temporary);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        throw std::system_error(errno, std::generic_category(), "cannot replace " + path.string());
}

}  // namespace ccp_relogin::audit
