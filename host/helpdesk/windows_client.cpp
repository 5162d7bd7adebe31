#include <windows.h>

#include <algorithm>
#include <boost/asio/windows/stream_handle.hpp>
#include <utility>

#include "helpdesk/client.h"
#include "helpdesk/line_exchange.h"
#include "helpdesk/peer_credentials.h"
#include "helpdesk/pipe_name.h"
#include "helpdesk/socket_dir.h"
#include "helpdesk/windows_pipe.h"

namespace ccp_relogin::helpdesk {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// How long to wait before trying a busy pipe again when WaitNamedPipeW
// returns at once (Wine does, rather than wait for a free instance).
constexpr std::chrono::milliseconds kBusyRetry{10};

struct OpenedPipe {
    windows::UniqueHandle handle;
    DWORD error = ERROR_SUCCESS;
};

std::chrono::milliseconds left_until(Clock::time_point deadline) {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

// Overlapped, for Asio. SECURITY_IDENTIFICATION: the host may learn who we
// are (windows_peer_credentials.cpp) but never act as us, whoever serves the
// pipe.
OpenedPipe open_pipe(const std::wstring& name, Clock::time_point deadline) {
    for (;;) {
        windows::UniqueHandle handle(::CreateFileW(
            name.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
            FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, nullptr));
        if (handle.ok()) return {std::move(handle), ERROR_SUCCESS};
        const DWORD error = ::GetLastError();
        const auto left = left_until(deadline);
        if (error != ERROR_PIPE_BUSY || left.count() == 0) return {windows::UniqueHandle(), error};
        // Every instance is taken for the moment (the host makes the next
        // one as each client comes): wait for one.
        if (!::WaitNamedPipeW(name.c_str(),
                              static_cast<DWORD>(std::max<long long>(1, left.count()))))
            ::Sleep(static_cast<DWORD>(kBusyRetry.count()));
    }
}

// A host's marker, not anything else the caller may have named.
bool is_marker_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::symlink_status(path, ec).type() ==
               std::filesystem::file_type::regular &&
           pid_from_socket_name(path.filename().string()).has_value();
}

// No pipe for that pid: the host is gone. Its marker goes with its process
// (windows_listener.cpp), so one still there was left by a host that never
// ended as a process ends (Windows itself crashed): it is removed. One that
// can't be removed is held by a live host without a pipe.
HostAnswer without_pipe(HostAnswer answer) {
    if (!is_marker_file(answer.socket)) {
        answer.outcome = HostAnswer::Outcome::kGone;
        return answer;
    }
    if (!::DeleteFileW(answer.socket.c_str())) {
        const DWORD error = ::GetLastError();
        if (error == ERROR_FILE_NOT_FOUND) {
            answer.outcome = HostAnswer::Outcome::kGone;
            return answer;
        }
        return failed(std::move(answer),
                      "its helpdesk pipe is missing and its marker can't be "
                      "removed: " +
                          windows::error_text(error));
    }
    answer.outcome = HostAnswer::Outcome::kStaleRemoved;
    return answer;
}

}  // namespace

HostAnswer ask_host(const std::filesystem::path& marker, long pid, const nlohmann::json& request,
                    std::chrono::milliseconds timeout) {
    HostAnswer answer{pid, marker, HostAnswer::Outcome::kFailed, nullptr, ""};
    const auto deadline = Clock::now() + timeout;
    const auto name = pipe_name_for(own_user(), pid);
    if (!name)
        return failed(std::move(answer),
                      "cannot read this process's user from its token, so "
                      "the host's pipe has no name");
    auto opened = open_pipe(*windows::widen_ascii(*name), deadline);
    if (opened.error == ERROR_FILE_NOT_FOUND) return without_pipe(std::move(answer));
    if (opened.error == ERROR_PIPE_BUSY)
        return exchange_answer(std::move(answer), {}, false, "", timeout);
    if (opened.error != ERROR_SUCCESS)
        return failed(std::move(answer),
                      "cannot open " + *name + ": " + windows::error_text(opened.error));
    LineExchange<asio::windows::stream_handle> exchange(request_line(request));
    boost::system::error_code ec;
    exchange.stream().assign(opened.handle.get(), ec);
    if (ec) return failed(std::move(answer), "cannot use " + *name + ": " + ec.message());
    opened.handle.release();  // the stream's now
    exchange.send();
    auto [result, done] = exchange.run(left_until(deadline));
    // A pipe has no end-of-file: the host's close reads as ERROR_BROKEN_PIPE.
    if (result == asio::error::broken_pipe) result = asio::error::eof;
    return exchange_answer(std::move(answer), result, done, exchange.reply(), timeout);
}

}  // namespace ccp_relogin::helpdesk
