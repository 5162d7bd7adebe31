#include <windows.h>

#include <cstdlib>
#include <system_error>
#include <utility>

#include "helpdesk/peer_credentials.h"
#include "helpdesk/windows_pipe.h"
#include "platform/windows_security.h"

namespace ccp_relogin::helpdesk {
namespace {

// The client's token as the pipe file system recorded it when the client
// opened the pipe: ImpersonateNamedPipeClient puts it on this thread,
// OpenThreadToken (as ourselves, not as the client) reads it, RevertToSelf
// takes it off at once. Our client asks for SECURITY_IDENTIFICATION
// (windows_client.cpp): enough for reading who it is, never for acting as
// it.
//
// Not GetNamedPipeClientProcessId → OpenProcess → OpenProcessToken: Wine
// answers process id 0 for every client, so under Wine that path would
// refuse everyone (docs/architecture.md, "The helpdesk channel on Windows"),
// and on Windows the client may exit and its id go to another process
// between the two calls. The recorded token is neither a claim of the
// client nor a process that might be another by now.
windows::UniqueHandle client_token(HANDLE pipe) {
    if (!::ImpersonateNamedPipeClient(pipe)) return windows::UniqueHandle();
    HANDLE token = nullptr;
    const BOOL opened = ::OpenThreadToken(::GetCurrentThread(), TOKEN_QUERY, TRUE, &token);
    // A thread that can't return to its own identity must not go on serving
    // (ImpersonateNamedPipeClient's documentation says as much).
    if (!::RevertToSelf()) std::abort();
    return windows::UniqueHandle(opened ? token : INVALID_HANDLE_VALUE);
}

std::optional<unsigned long> client_process_id(HANDLE pipe) {
    ULONG pid = 0;
    if (!::GetNamedPipeClientProcessId(pipe, &pid) || pid == 0) return std::nullopt;
    return pid;
}

}  // namespace

std::optional<PeerCredentials> peer_credentials(NativeConnection connection) {
    const HANDLE pipe = static_cast<HANDLE>(connection);
    const auto token = client_token(pipe);
    if (!token.ok()) return std::nullopt;
    auto sid = platform::windows::token_user_sid(token.get());
    if (!sid) return std::nullopt;
    return PeerCredentials{std::move(*sid), client_process_id(pipe)};
}

UserId own_user() {
    try {
        return platform::windows::current_user_sid();
    } catch (const std::system_error&) {
        return {};  // no identity: nobody is admitted (peer_allowed)
    }
}

}  // namespace ccp_relogin::helpdesk
