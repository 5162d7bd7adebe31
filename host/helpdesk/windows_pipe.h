#pragma once
// The Win32 pieces of the helpdesk pipe (helpdesk/pipe_name.h) that
// windows_listener.cpp, windows_client.cpp, windows_peer_credentials.cpp
// and their tests share. Windows only: included from windows_*.cpp files.
#include <windows.h>

#include <optional>
#include <string>
#include <string_view>

#include "platform/windows_handle.h"

namespace ccp_relogin::helpdesk::windows {

// A HANDLE closed when it goes: platform's (platform/windows_handle.h).
using UniqueHandle = platform::UniqueHandle;

// The text of a Win32 error code, e.g. for "cannot create …: <text>".
std::string error_text(DWORD code);

// The pipe names and SIDs are ASCII (pipe_name.h); this widens them for
// the W functions and refuses anything else (nullopt).
std::optional<std::wstring> widen_ascii(std::string_view text);

// One instance of the pipe `name`, overlapped (for Asio), local clients
// only, byte mode, readable and writable only by `user_sid`
// (pipe_security_sddl). `first`: FILE_FLAG_FIRST_PIPE_INSTANCE, so it fails
// when the name exists. An invalid handle on failure, GetLastError() set.
UniqueHandle create_pipe_instance(const std::string& name, const std::string& user_sid, bool first);

}  // namespace ccp_relogin::helpdesk::windows
