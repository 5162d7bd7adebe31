// private_dir.h and files.h's ensure_private_dir on Windows: the same
// questions as on POSIX, asked of the directory's owner SID and its ACL.
#include <aclapi.h>
#include <sddl.h>
#include <windows.h>

#include <memory>
#include <system_error>

#include "platform/files.h"
#include "platform/private_dir.h"
#include "platform/windows_handle.h"
#include "platform/windows_security.h"

namespace ccp_relogin::platform {
namespace {

constexpr const char* kSystemSid = "S-1-5-18";
constexpr const char* kAdministratorsSid = "S-1-5-32-544";
constexpr const char* kCreatorOwnerSid = "S-1-3-0";  // stands for the owner, checked apart

// What lets someone plant, remove or swap files in a directory, or take it.
constexpr ACCESS_MASK kWriteRights = FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY | FILE_DELETE_CHILD |
                                     FILE_WRITE_ATTRIBUTES | DELETE | WRITE_DAC | WRITE_OWNER |
                                     GENERIC_WRITE | GENERIC_ALL;

bool may_always_write(const std::string& sid, const std::string& self) {
    return sid == self || sid == kSystemSid || sid == kAdministratorsSid || sid == kCreatorOwnerSid;
}

// Every SID an allowing entry of `acl` gives write rights, but those that
// may always write. Entries inherited only by what the directory holds
// count too: the files created in it would be writable by them.
std::vector<std::string> other_writers(PACL acl, const std::string& self) {
    std::vector<std::string> writers;
    for (DWORD i = 0; i < acl->AceCount; ++i) {
        void* entry = nullptr;
        if (!::GetAce(acl, i, &entry)) continue;
        const auto* header = static_cast<const ACE_HEADER*>(entry);
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
        const auto* allowed = static_cast<const ACCESS_ALLOWED_ACE*>(entry);
        if ((allowed->Mask & kWriteRights) == 0) continue;
        const std::string sid = windows::sid_string(const_cast<DWORD*>(&allowed->SidStart));
        if (!may_always_write(sid, self)) writers.push_back(sid);
    }
    return writers;
}

struct LocalFreed {
    void operator()(void* memory) const { ::LocalFree(memory); }
};

}  // namespace

std::optional<std::string> acl_dir_problem(std::string_view what, const std::filesystem::path& path,
                                           const AclDirFacts& facts, bool allow_admin_for_others) {
    const std::string named = std::string(what) + " " + path.string();
    if (!facts.exists) return named + " does not exist";
    if (facts.is_link) return named + " is a symbolic link or junction; remove it";
    if (!facts.is_directory) return named + " is not a directory; remove it";
    if (!facts.owner_is_self && !allow_admin_for_others)
        return named + " belongs to " + facts.owner + ", not to this user; remove it";
    if (facts.null_acl)
        return named + " has no access control list, so everyone may write to it; remove it";
    if (!facts.writers.empty())
        return named + " is writable by " + facts.writers.front() +
               "; remove that entry (icacls \"" + path.string() + "\" /remove " +
               facts.writers.front() + ")";
    return std::nullopt;
}

AclDirFacts inspect_acl_dir(const std::filesystem::path& path) {
    // Opened as itself (no link followed) and as a directory (backup semantics).
    const HANDLE dir = ::CreateFileW(
        path.c_str(), READ_CONTROL | FILE_READ_ATTRIBUTES,
        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
        FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (dir == INVALID_HANDLE_VALUE) {
        const DWORD error = ::GetLastError();
        if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return {};
        throw std::system_error(windows::win32_error(error), "cannot inspect " + path.string());
    }
    const UniqueHandle closer(dir);
    AclDirFacts facts;
    facts.exists = true;
    BY_HANDLE_FILE_INFORMATION info{};
    if (!::GetFileInformationByHandle(dir, &info))
        throw std::system_error(windows::win32_error(::GetLastError()),
                                "cannot inspect " + path.string());
    facts.is_link = (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
    facts.is_directory = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    PSID owner = nullptr;
    PACL acl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    const DWORD rc = ::GetSecurityInfo(dir, SE_FILE_OBJECT,
                                       OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                                       &owner, nullptr, &acl, nullptr, &descriptor);
    if (rc != ERROR_SUCCESS)
        throw std::system_error(windows::win32_error(rc),
                                "cannot read the access control list of " + path.string());
    const std::unique_ptr<void, LocalFreed> freed(descriptor);
    const std::string self = windows::current_user_sid();
    facts.owner = windows::sid_string(owner);
    facts.owner_is_self = facts.owner == self || facts.owner == windows::current_owner_sid();
    facts.null_acl = acl == nullptr;
    if (acl != nullptr) facts.writers = other_writers(acl, self);
    return facts;
}

std::optional<std::string> private_dir_problem(const std::filesystem::path& dir,
                                               std::string_view what, bool allow_admin_for_others) {
    return acl_dir_problem(what, dir, inspect_acl_dir(dir),
                           allow_admin_for_others && windows::running_as_administrator());
}

void prepare_private_dir(const std::filesystem::path& dir, std::string_view what) {
    ensure_private_dir(dir);
    if (const auto problem = private_dir_problem(dir, what)) throw FileProblem(*problem);
}

// A new directory gets a protected ACL (nothing inherited from its parent):
// full control for this user, SYSTEM and Administrators, passed on to what
// it holds. %LOCALAPPDATA% is already the user's, but CCP_RELOGIN_STATE_DIR
// may point anywhere.
void ensure_private_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    const std::string sddl =
        "D:P(A;OICI;FA;;;" + windows::current_user_sid() + ")(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (!::ConvertStringSecurityDescriptorToSecurityDescriptorA(sddl.c_str(), SDDL_REVISION_1,
                                                                &descriptor, nullptr))
        throw std::system_error(windows::win32_error(::GetLastError()),
                                "cannot make the access control list for " + dir.string());
    const std::unique_ptr<void, LocalFreed> freed(descriptor);
    SECURITY_ATTRIBUTES attributes{sizeof attributes, descriptor, FALSE};
    if (!::CreateDirectoryW(dir.c_str(), &attributes) && ::GetLastError() != ERROR_ALREADY_EXISTS)
        throw std::system_error(windows::win32_error(::GetLastError()),
                                "cannot create " + dir.string());
    if (!std::filesystem::is_directory(dir, ec))
        throw std::system_error(std::make_error_code(std::errc::not_a_directory),
                                "cannot use " + dir.string());
}

}  // namespace ccp_relogin::platform
