// files.h on Windows: CreateFileW, LockFileEx, MoveFileExW.
//
// How each of files.h's promises is kept here:
//  - no link followed: FILE_FLAG_OPEN_REPARSE_POINT opens a symbolic link or
//    junction as itself, and a file whose attributes say reparse point is
//    refused;
//  - regular files of ours only: GetFileType must say a disk file (a named
//    pipe path or a device name such as NUL or CON is refused before any
//    read), not a directory, and its owner SID must be this process's user
//    or the token's default owner (Administrators, for an elevated
//    administrator);
//  - whole appends: a handle with FILE_APPEND_DATA but not FILE_WRITE_DATA
//    writes at the end of the file, as one operation, whoever else appends;
//  - rename beside readers: every handle shares read, write and delete.
#include <aclapi.h>
#include <windows.h>

#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include "platform/files.h"
#include "platform/windows_handle.h"
#include "platform/windows_security.h"

namespace ccp_relogin::platform {
namespace {

using std::chrono::milliseconds;
using windows::win32_error;

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

[[noreturn]] void throw_last_error(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(win32_error(::GetLastError()), what + " " + path.string());
}

[[noreturn]] void throw_not_regular(const std::filesystem::path& path) {
    throw FileProblem(path.string() + " is not a regular file");
}

bool missing(DWORD error) { return error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND; }

DWORD desired_access(FileAccess access) {
    switch (access) {
        case FileAccess::kRead:
            return GENERIC_READ;
        case FileAccess::kReadAppend:
            return FILE_GENERIC_READ | FILE_APPEND_DATA;
        case FileAccess::kWrite:
            return GENERIC_WRITE | READ_CONTROL;
    }
    return GENERIC_READ;
}

BY_HANDLE_FILE_INFORMATION information_of(HANDLE file, const std::filesystem::path& path) {
    BY_HANDLE_FILE_INFORMATION info{};
    if (!::GetFileInformationByHandle(file, &info)) throw_last_error("cannot inspect", path);
    return info;
}

bool is_regular(HANDLE file, const BY_HANDLE_FILE_INFORMATION& info) {
    return ::GetFileType(file) == FILE_TYPE_DISK &&
           (info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT)) == 0;
}

std::string owner_of(HANDLE file, const std::filesystem::path& path) {
    PSID owner = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    const DWORD rc = ::GetSecurityInfo(file, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner,
                                       nullptr, nullptr, nullptr, &descriptor);
    if (rc != ERROR_SUCCESS)
        throw std::system_error(win32_error(rc), "cannot read the owner of " + path.string());
    std::string text = windows::sid_string(owner);
    ::LocalFree(descriptor);
    return text;
}

// FileProblem unless the file open as `file` is a regular file of ours.
void require_own_regular_file(HANDLE file, const std::filesystem::path& path) {
    if (::GetFileType(file) != FILE_TYPE_DISK) throw_not_regular(path);
    if (!is_regular(file, information_of(file, path))) throw_not_regular(path);
    const std::string owner = owner_of(file, path);
    const std::string user = windows::current_user_sid();
    if (owner != user && owner != windows::current_owner_sid())
        throw FileProblem(path.string() + " belongs to " + owner + ", not to " + user);
}

HANDLE create_file(const std::filesystem::path& path, DWORD access, DWORD disposition) {
    return ::CreateFileW(path.c_str(), access, kShareAll, nullptr, disposition,
                         FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
}

std::optional<OpenFile> open_own(const std::filesystem::path& path, DWORD access,
                                 DWORD disposition) {
    const HANDLE file = create_file(path, access, disposition);
    if (file == INVALID_HANDLE_VALUE) {
        const DWORD error = ::GetLastError();
        if (missing(error) && disposition == OPEN_EXISTING) return std::nullopt;
        // A directory can't be opened as a file: say what it is.
        const DWORD attributes = ::GetFileAttributesW(path.c_str());
        if (error == ERROR_ACCESS_DENIED && attributes != INVALID_FILE_ATTRIBUTES &&
            (attributes & FILE_ATTRIBUTE_DIRECTORY))
            throw_not_regular(path);
        ::SetLastError(error);
        throw_last_error("cannot open", path);
    }
    OpenFile opened(file, path);  // closed if the checks throw
    require_own_regular_file(file, path);
    return opened;
}

[[noreturn]] void throw_lock_timeout(const std::filesystem::path& path, milliseconds wait) {
    throw FileProblem("cannot lock " + path.string() + ": another process has held it for over " +
                      std::to_string(wait.count()) +
                      " ms (a ccp-relogin host or doctor that hangs? ending it frees the lock)");
}

// LockFileEx without blocking, tried again after short, growing pauses until
// `wait` has passed, as on POSIX: a blocking lock would wait as long as the
// holder hangs. One byte at offset 0 stands for the whole file.
void lock_within(HANDLE file, bool exclusive, milliseconds wait,
                 const std::filesystem::path& path) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    const DWORD flags = LOCKFILE_FAIL_IMMEDIATELY | (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0);
    milliseconds pause{1};
    for (;;) {
        OVERLAPPED at{};
        if (::LockFileEx(file, flags, 0, 1, 0, &at)) return;
        if (::GetLastError() != ERROR_LOCK_VIOLATION) throw_last_error("cannot lock", path);
        if (std::chrono::steady_clock::now() >= deadline) throw_lock_timeout(path, wait);
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, milliseconds{50});
    }
}

// The lock file, replacing what holds nothing but can't be used as one (a
// link, another user's file). DeleteFileW removes a link itself, never
// what it points to.
OpenFile open_lock_file(const std::filesystem::path& path) {
    try {
        return std::move(*open_own(path, desired_access(FileAccess::kReadAppend), OPEN_ALWAYS));
    } catch (const FileProblem&) {
        ::DeleteFileW(path.c_str());  // then one more try, whose error counts
    }
    return std::move(*open_own(path, desired_access(FileAccess::kReadAppend), OPEN_ALWAYS));
}

#ifndef FILE_RENAME_FLAG_REPLACE_IF_EXISTS  // mingw-w64 defines them for new targets only
#define FILE_RENAME_FLAG_REPLACE_IF_EXISTS 0x00000001
#define FILE_RENAME_FLAG_POSIX_SEMANTICS 0x00000002
#endif
// FILE_INFO_BY_HANDLE_CLASS's FileRenameInfoEx (22), which mingw-w64 10
// declares only for newer _WIN32_WINNT targets than ours.
constexpr auto kFileRenameInfoEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(22);

// Rename with POSIX semantics (Windows 10 1709 and later, on NTFS): the
// target may be open elsewhere, and its readers keep the file they opened,
// as on POSIX. False when this system or file system can't (then
// MoveFileExW below). The buffer is FILE_RENAME_INFO with the name after it.
bool posix_rename(const std::filesystem::path& from, const std::filesystem::path& to) {
    const HANDLE file = ::CreateFileW(from.c_str(), DELETE | SYNCHRONIZE, kShareAll, nullptr,
                                      OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (file == INVALID_HANDLE_VALUE) return false;
    const UniqueHandle closer(file);
    const std::wstring name = to.wstring();
    std::vector<char> buffer(sizeof(FILE_RENAME_INFO) + name.size() * sizeof(wchar_t));
    auto* info = reinterpret_cast<FILE_RENAME_INFO*>(buffer.data());
    info->Flags = FILE_RENAME_FLAG_REPLACE_IF_EXISTS | FILE_RENAME_FLAG_POSIX_SEMANTICS;
    info->FileNameLength = static_cast<DWORD>(name.size() * sizeof(wchar_t));
    std::copy(name.begin(), name.end(), info->FileName);
    return ::SetFileInformationByHandle(file, kFileRenameInfoEx, info,
                                        static_cast<DWORD>(buffer.size())) != FALSE;
}

// Without POSIX semantics, Windows refuses to replace a target that a
// reader holds open (ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION).
// Readers hold it for one read, so short retries within a second wait them
// out.
bool move_replacing(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (posix_rename(from, to)) return true;
    milliseconds pause{1};
    const auto deadline = std::chrono::steady_clock::now() + milliseconds{1000};
    for (;;) {
        if (::MoveFileExW(from.c_str(), to.c_str(),
                          MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            return true;
        const DWORD error = ::GetLastError();
        if (missing(error)) return false;
        const bool busy = error == ERROR_ACCESS_DENIED || error == ERROR_SHARING_VIOLATION;
        if (!busy || std::chrono::steady_clock::now() >= deadline) {
            ::SetLastError(error);
            throw_last_error("cannot move " + from.string() + " to", to);
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, milliseconds{50});
    }
}

}  // namespace

void OpenFile::close() {
    if (native_ != kNone) ::CloseHandle(native_);
    native_ = kNone;
}

std::uint64_t OpenFile::size() const {
    LARGE_INTEGER size{};
    if (!::GetFileSizeEx(native_, &size)) throw_last_error("cannot inspect", path_);
    return static_cast<std::uint64_t>(size.QuadPart);
}

FileIdentity OpenFile::identity() const {
    const auto info = information_of(native_, path_);
    return {info.dwVolumeSerialNumber,
            (std::uint64_t{info.nFileIndexHigh} << 32) | info.nFileIndexLow};
}

std::string OpenFile::read_at(std::uint64_t offset, std::size_t size) const {
    std::string text(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        OVERLAPPED at{};
        const std::uint64_t position = offset + got;
        at.Offset = static_cast<DWORD>(position);
        at.OffsetHigh = static_cast<DWORD>(position >> 32);
        const DWORD ask = static_cast<DWORD>(std::min<std::size_t>(size - got, 1u << 30));
        DWORD n = 0;
        if (!::ReadFile(native_, text.data() + got, ask, &n, &at)) {
            if (::GetLastError() == ERROR_HANDLE_EOF) break;
            throw_last_error("cannot read", path_);
        }
        if (n == 0) break;
        got += n;
    }
    text.resize(got);
    return text;
}

void OpenFile::write_all(std::string_view data) {
    while (!data.empty()) {
        const DWORD ask = static_cast<DWORD>(std::min<std::size_t>(data.size(), 1u << 30));
        DWORD n = 0;
        if (!::WriteFile(native_, data.data(), ask, &n, nullptr))
            throw_last_error("cannot write", path_);
        data.remove_prefix(n);
    }
}

void OpenFile::sync() {
    if (!::FlushFileBuffers(native_)) throw_last_error("cannot sync", path_);
}

std::optional<OpenFile> open_own_file_if_present(const std::filesystem::path& path,
                                                 FileAccess access) {
    return open_own(path, desired_access(access),
                    access == FileAccess::kReadAppend ? OPEN_ALWAYS : OPEN_EXISTING);
}

OpenFile create_fresh_file(const std::filesystem::path& path) {
    if (!::DeleteFileW(path.c_str()) && !missing(::GetLastError()))
        throw_last_error("cannot remove", path);
    return std::move(*open_own(path, desired_access(FileAccess::kWrite), CREATE_NEW));
}

void replace_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (!move_replacing(from, to))
        throw std::system_error(std::make_error_code(std::errc::no_such_file_or_directory),
                                "cannot replace " + to.string());
}

bool move_file_if_present(const std::filesystem::path& from, const std::filesystem::path& to) {
    return move_replacing(from, to);
}

SmallFile read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
    using Outcome = SmallFile::Outcome;
    const HANDLE file = create_file(path, GENERIC_READ, OPEN_EXISTING);
    if (file == INVALID_HANDLE_VALUE) {
        const DWORD error = ::GetLastError();
        if (missing(error)) return {Outcome::kMissing, "", "missing"};
        const DWORD attributes = ::GetFileAttributesW(path.c_str());
        if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY))
            return {Outcome::kNotRegular, "", "it is not a regular file"};
        return {Outcome::kError, "", win32_error(error).message()};
    }
    const OpenFile opened(file, path);
    BY_HANDLE_FILE_INFORMATION info{};
    if (::GetFileType(file) == FILE_TYPE_DISK && ::GetFileInformationByHandle(file, &info) &&
        (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
        return {Outcome::kLink, "", "it is a symbolic link: not followed"};
    if (::GetFileType(file) != FILE_TYPE_DISK || !is_regular(file, info))
        return {Outcome::kNotRegular, "", "it is not a regular file"};
    const std::uint64_t size = opened.size();
    // Checked before reading, so a huge file costs nothing.
    if (size > max_bytes)
        return {Outcome::kTooLarge, "",
                "it is larger than " + std::to_string(max_bytes) + " bytes"};
    return {Outcome::kRead, opened.read_at(0, static_cast<std::size_t>(size)), ""};
}

FileLock::FileLock(const std::filesystem::path& path, Mode mode, milliseconds wait)
    : file_(open_lock_file(path)) {
    lock_within(file_.native(), mode == Mode::kExclusive, wait, path);
}

// Closing the handle releases the lock too, but Windows documents that as
// happening "when the system has time": unlocked here, at once.
FileLock::~FileLock() {
    OVERLAPPED at{};
    ::UnlockFileEx(file_.native(), 0, 1, 0, &at);
}

}  // namespace ccp_relogin::platform
