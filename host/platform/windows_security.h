#pragma once
// Windows only: who this process is, as Windows's access checks see it (the
// SIDs of its token), and a SID's string form ("S-1-5-21-…"), for the
// ownership and ACL checks of files.h and private_dir.h.
#include <windows.h>

#include <optional>
#include <string>
#include <system_error>

namespace ccp_relogin::platform::windows {

// "S-1-…" for `sid`; "unknown SID" when Windows can't say.
std::string sid_string(PSID sid);

// The string form of the user SID of `token` (TokenUser); nullopt if the
// token can't be read.
std::optional<std::string> token_user_sid(HANDLE token);

// The token's user (TokenUser) and default owner of new objects
// (TokenOwner: the user, or Administrators for an elevated administrator).
// Throws std::system_error when the token can't be read.
std::string current_user_sid();
std::string current_owner_sid();

// Whether the process runs elevated as a member of Administrators.
bool running_as_administrator();

// A Win32 error as a std::error_code: the generic codes callers compare
// with (no_such_file_or_directory, permission_denied, …) where one fits,
// else the system category.
std::error_code win32_error(DWORD error);

}  // namespace ccp_relogin::platform::windows
