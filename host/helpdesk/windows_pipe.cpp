#include "helpdesk/windows_pipe.h"

#include <sddl.h>

#include <boost/system/error_code.hpp>
#include <vector>

#include "helpdesk/pipe_name.h"

namespace ccp_relogin::helpdesk::windows {
namespace {

// Both ways: what a client may send in one go, and a reply's usual size,
// fit without a write waiting for the reader. Only a hint to Windows.
constexpr DWORD kPipeBufferBytes = 64 * 1024;

// A security descriptor from SDDL, freed with LocalFree.
class SecurityDescriptor {
  public:
    explicit SecurityDescriptor(const std::wstring& sddl) {
        if (!::ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1,
                                                                    &descriptor_, nullptr))
            descriptor_ = nullptr;
    }
    ~SecurityDescriptor() {
        if (descriptor_ != nullptr) ::LocalFree(descriptor_);
    }
    SecurityDescriptor(const SecurityDescriptor&) = delete;
    SecurityDescriptor& operator=(const SecurityDescriptor&) = delete;

    PSECURITY_DESCRIPTOR get() const { return descriptor_; }

  private:
    PSECURITY_DESCRIPTOR descriptor_ = nullptr;
};

}  // namespace

std::string error_text(DWORD code) {
    return boost::system::error_code(static_cast<int>(code), boost::system::system_category())
        .message();
}

std::optional<std::wstring> widen_ascii(std::string_view text) {
    std::wstring wide;
    for (const char c : text) {
        if (static_cast<unsigned char>(c) > 0x7f) return std::nullopt;
        wide.push_back(static_cast<wchar_t>(c));
    }
    return wide;
}

UniqueHandle create_pipe_instance(const std::string& name, const std::string& user_sid,
                                  bool first) {
    const auto sddl = pipe_security_sddl(user_sid);
    const auto wide_name = widen_ascii(name);
    if (!sddl || !wide_name) {
        ::SetLastError(ERROR_INVALID_PARAMETER);
        return UniqueHandle();
    }
    const SecurityDescriptor descriptor(*widen_ascii(*sddl));
    if (descriptor.get() == nullptr) return UniqueHandle();
    SECURITY_ATTRIBUTES attributes{sizeof attributes, descriptor.get(), FALSE};
    const DWORD open_mode =
        PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | (first ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
    const DWORD pipe_mode =
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
    return UniqueHandle(::CreateNamedPipeW(wide_name->c_str(), open_mode, pipe_mode,
                                           PIPE_UNLIMITED_INSTANCES, kPipeBufferBytes,
                                           kPipeBufferBytes, 0, &attributes));
}

}  // namespace ccp_relogin::helpdesk::windows
