#pragma once
// The Win32 pieces of the helpdesk pipe (helpdesk/pipe_name.h) that
// windows_listener.cpp, windows_client.cpp, windows_peer_credentials.cpp
// and their tests share. Windows only: included from windows_*.cpp files.
#include <windows.h>

#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::helpdesk::windows {

// Owns a HANDLE; closes it on destruction or reset().
class UniqueHandle {
  public:
    explicit UniqueHandle(HANDLE handle = INVALID_HANDLE_VALUE) : handle_(handle) {}
    ~UniqueHandle() { reset(); }
    UniqueHandle(UniqueHandle&& other) noexcept : handle_(other.release()) {}
    UniqueHandle& operator=(UniqueHandle&& other) noexcept {
        if (this != &other) reset(other.release());
        return *this;
    }
    UniqueHandle(const UniqueHandle&) = delete;
    UniqueHandle& operator=(const UniqueHandle&) = delete;

    HANDLE get() const { return handle_; }
    bool valid() const { return handle_ != INVALID_HANDLE_VALUE && handle_ != nullptr; }
    HANDLE release() {
        const HANDLE handle = handle_;
        handle_ = INVALID_HANDLE_VALUE;
        return handle;
    }
    void reset(HANDLE handle = INVALID_HANDLE_VALUE) {
        if (valid()) ::CloseHandle(handle_);
        handle_ = handle;
    }

  private:
    HANDLE handle_;
};

// The text of a Win32 error code, e.g. for "cannot create …: <text>".
std::string error_text(DWORD code);

// The pipe names and SIDs are ASCII (pipe_name.h); this widens them for
// the W functions and refuses anything else (nullopt).
std::optional<std::wstring> widen_ascii(std::string_view text);

// The string form of the user SID of `token` (TokenUser); nullopt if the
// token can't be read.
std::optional<std::string> token_user_sid(HANDLE token);

// One instance of the pipe `name`, overlapped (for Asio), local clients
// only, byte mode, readable and writable only by `user_sid`
// (pipe_security_sddl). `first`: FILE_FLAG_FIRST_PIPE_INSTANCE, so it fails
// when the name exists. An invalid handle on failure, GetLastError() set.
UniqueHandle create_pipe_instance(const std::string& name, const std::string& user_sid, bool first);

}  // namespace ccp_relogin::helpdesk::windows
