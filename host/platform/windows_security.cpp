#include "platform/windows_security.h"

#include <sddl.h>

#include <memory>
#include <system_error>
#include <vector>

#include "platform/windows_handle.h"

namespace ccp_relogin::platform::windows {
namespace {

// The information of class `kind` of `token`, in a buffer of the size
// asked; nullopt when Windows won't say.
std::optional<std::vector<char>> information_of(HANDLE token, TOKEN_INFORMATION_CLASS kind) {
    DWORD size = 0;
    ::GetTokenInformation(token, kind, nullptr, 0, &size);
    std::vector<char> buffer(size);
    if (size == 0 || !::GetTokenInformation(token, kind, buffer.data(), size, &size))
        return std::nullopt;
    return buffer;
}

// The same for this process's token; std::system_error when unreadable.
std::vector<char> token_information(TOKEN_INFORMATION_CLASS kind) {
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
        throw std::system_error(win32_error(::GetLastError()), "cannot read the process token");
    const UniqueHandle owned(token);
    auto buffer = information_of(token, kind);
    if (!buffer)
        throw std::system_error(win32_error(::GetLastError()), "cannot read the process token");
    return std::move(*buffer);
}

}  // namespace

std::string sid_string(PSID sid) {
    LPSTR text = nullptr;
    if (sid == nullptr || !::ConvertSidToStringSidA(sid, &text)) return "unknown SID";
    std::string result(text);
    ::LocalFree(text);
    return result;
}

std::optional<std::string> token_user_sid(HANDLE token) {
    const auto buffer = information_of(token, TokenUser);
    if (!buffer) return std::nullopt;
    return sid_string(reinterpret_cast<const TOKEN_USER*>(buffer->data())->User.Sid);
}

std::string current_user_sid() {
    const auto buffer = token_information(TokenUser);
    return sid_string(reinterpret_cast<const TOKEN_USER*>(buffer.data())->User.Sid);
}

std::string current_owner_sid() {
    const auto buffer = token_information(TokenOwner);
    return sid_string(reinterpret_cast<const TOKEN_OWNER*>(buffer.data())->Owner);
}

bool running_as_administrator() {
    SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
    PSID administrators = nullptr;
    if (!::AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0,
                                    0, 0, 0, 0, 0, &administrators))
        return false;
    BOOL member = FALSE;
    if (!::CheckTokenMembership(nullptr, administrators, &member)) member = FALSE;
    ::FreeSid(administrators);
    return member != FALSE;
}

std::error_code win32_error(DWORD error) {
    switch (error) {
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND:
            return std::make_error_code(std::errc::no_such_file_or_directory);
        case ERROR_ACCESS_DENIED:
            return std::make_error_code(std::errc::permission_denied);
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION:
            return std::make_error_code(std::errc::device_or_resource_busy);
        case ERROR_FILE_EXISTS:
        case ERROR_ALREADY_EXISTS:
            return std::make_error_code(std::errc::file_exists);
        case ERROR_DISK_FULL:
        case ERROR_HANDLE_DISK_FULL:
            return std::make_error_code(std::errc::no_space_on_device);
        case ERROR_DIRECTORY:
            return std::make_error_code(std::errc::not_a_directory);
        case ERROR_CANT_RESOLVE_FILENAME:
            return std::make_error_code(std::errc::too_many_symbolic_link_levels);
        default:
            return {static_cast<int>(error), std::system_category()};
    }
}

}  // namespace ccp_relogin::platform::windows
