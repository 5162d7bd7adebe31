#pragma once
// The files where state lives (guard/: the state file; audit/: the audit
// log and the forwarder's cursor; doctor/ and the CLI read them), on every
// system: an open file of ours, a lock held for a scope, a file replaced
// whole, and small files read with a bound. posix_files.cpp implements it
// with open(2) and flock(2), windows_files.cpp with CreateFileW and
// LockFileEx (docs/architecture.md, "Platform seams").
//
// What both keep:
//  - a link planted at one of our names is refused, never followed
//    (O_NOFOLLOW; a reparse point, opened as itself, on Windows);
//  - our files must be regular files of this user: a FIFO, a device, a
//    pipe or another user's file at our name is refused, never waited on
//    (every host process of the user, and doctor, meet these files while
//    holding a lock the others wait for, so nothing here blocks without
//    bound);
//  - an append lands at the end of the file, after what anyone else
//    appended (O_APPEND; FILE_APPEND_DATA without FILE_WRITE_DATA); writers
//    whose lines must never interleave also hold a FileLock, as the audit
//    log does (Wine's appends, unlike Linux's and NTFS's, are not atomic);
//  - a file can be renamed or replaced while others have it open (POSIX
//    does; on Windows every open shares delete), so rotation and
//    replace-by-rename work beside readers.
// OS errors are std::system_error, refusals by our own checks are
// FileProblem; what() names the path either way.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ccp_relogin::platform {

// A file we refuse to use (not a regular file, another user's) or a lock not
// granted in time; what() is one sentence naming the path.
class FileProblem : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Which file this is, whatever its name now: rotation renames the audit
// log, and its readers must know a file they saw before (audit/log_cursor.h).
// (st_dev, st_ino) on POSIX; (volume serial, file index) on Windows.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t file = 0;
    bool operator==(const FileIdentity&) const = default;
};

// How a file of ours is opened.
enum class FileAccess {
    kRead,
    kReadAppend,  // created if missing; every write lands at the end
    kWrite,       // with create_fresh_file only
};

// An open file; closed on destruction. Move-only.
class OpenFile {
  public:
#ifdef _WIN32
    using Native = void*;  // HANDLE
#else
    using Native = int;
#endif
    OpenFile() = default;
    OpenFile(Native native, std::filesystem::path path);
    OpenFile(OpenFile&& other) noexcept;
    OpenFile& operator=(OpenFile&& other) noexcept;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile();

    bool ok() const;
    Native native() const { return native_; }
    const std::filesystem::path& path() const { return path_; }

    std::uint64_t size() const;
    FileIdentity identity() const;
    // Up to `size` bytes from `offset`; fewer only at the end of the file.
    std::string read_at(std::uint64_t offset, std::size_t size) const;
    // The whole file, when it holds at most `max_bytes` (the caller's bound).
    std::string read_all(std::size_t max_bytes) const;
    // Writes all of `data` (at the end, for kReadAppend).
    void write_all(std::string_view data);
    // Waits until what was written is on disk.
    void sync();

  private:
    void close();
    Native native_{kNone};
    std::filesystem::path path_;
#ifdef _WIN32
    static constexpr Native kNone = nullptr;
#else
    static constexpr Native kNone = -1;
#endif
};

// A regular file of this process's user at `path`, not followed through a
// link; nullopt when nothing is there (and `access` is kRead).
std::optional<OpenFile> open_own_file_if_present(const std::filesystem::path& path,
                                                 FileAccess access);

// The same; a missing file is a std::system_error (no_such_file_or_directory).
OpenFile open_own_file(const std::filesystem::path& path, FileAccess access);

// Creates `path` afresh for writing, first removing whatever was left there,
// so that a stale link or FIFO can neither redirect nor block the write.
// Only for names the caller alone writes while it holds their lock (a
// temporary file that replace_file then moves into place).
OpenFile create_fresh_file(const std::filesystem::path& path);

// Moves `from` over `to` in one step: a reader sees the old file or the new
// one, never half of one. Throws std::system_error.
void replace_file(const std::filesystem::path& from, const std::filesystem::path& to);

// rename, but nothing to move is not an error (a rotated generation that
// was never written); false then.
bool move_file_if_present(const std::filesystem::path& from, const std::filesystem::path& to);

// A small file that is not ours to own (a browser manifest, a browser
// policy, the forwarder's token file: root's, or the administrator's),
// read without following a link and without blocking on a FIFO or device.
struct SmallFile {
    enum class Outcome { kRead, kMissing, kLink, kNotRegular, kTooLarge, kError };
    Outcome outcome = Outcome::kError;
    std::string text;     // kRead
    std::string problem;  // otherwise: why, as a phrase ("it is not a regular file")
};
SmallFile read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

// A lock on `path` (created, this user's only, if missing) until destruction.
// Use a lock file apart from the data file, so the data file can be replaced
// while the lock is held. Each FileLock opens its own file, so it also
// excludes other threads of this process.
//
// A lock file holds nothing, so whatever else sits at its name (a link, a
// FIFO, another user's file) is replaced instead of failing every later run.
// The wait is bounded: a holder that hangs must not hang everyone behind it;
// after `wait` the constructor throws FileProblem.
class FileLock {
  public:
    enum class Mode { kShared, kExclusive };
    static constexpr std::chrono::milliseconds kDefaultWait{5000};
    FileLock(const std::filesystem::path& path, Mode mode,
             std::chrono::milliseconds wait = kDefaultWait);
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

  private:
    OpenFile file_;  // closing it releases the lock
};

// Creates `dir` and its missing parents, `dir` itself for this user only
// (mode 0700; a protected ACL for the user, SYSTEM and Administrators on
// Windows); fine if it exists as a directory.
void ensure_private_dir(const std::filesystem::path& dir);

}  // namespace ccp_relogin::platform
