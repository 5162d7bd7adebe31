#include <windows.h>

#include <boost/asio/windows/overlapped_ptr.hpp>
#include <string>
#include <utility>

#include "helpdesk/listener.h"
#include "helpdesk/peer_credentials.h"
#include "helpdesk/pipe_name.h"
#include "helpdesk/socket_dir.h"
#include "helpdesk/windows_pipe.h"

namespace ccp_relogin::helpdesk {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

error_code win32_error(DWORD code) {
    return error_code(static_cast<int>(code), boost::system::system_category());
}

// `\\.\pipe\ccp-relogin.<our SID>.host-<pid>`, the pid from the marker's name.
std::string pipe_name_of(const std::filesystem::path& marker, const UserId& sid) {
    const auto pid = pid_from_socket_name(marker.filename().string());
    if (!pid)
        throw HelpdeskUnavailable("the helpdesk marker " + marker.string() +
                                  " is not named host-<pid>.pipe");
    const auto name = pipe_name_for(sid, *pid);
    if (!name)
        throw HelpdeskUnavailable(
            "cannot read this process's user from its token, so the "
            "helpdesk pipe has no name");
    if (const auto problem = pipe_name_problem(*name)) throw HelpdeskUnavailable(*problem);
    return *name;
}

// Tells the CLI that the host runs (list_host_sockets). Held open while the
// server runs, shared for reading only, so no other process can delete or
// replace it meanwhile; deleted when its handle closes
// (FILE_FLAG_DELETE_ON_CLOSE), which Windows does for a killed process too,
// so a killed host leaves none behind (a crash of Windows itself may, which
// the CLI then removes). Not followed if it is a link
// (FILE_FLAG_OPEN_REPARSE_POINT), as no file of ours is.
windows::UniqueHandle create_marker(const std::filesystem::path& path) {
    windows::UniqueHandle marker(::CreateFileW(
        path.c_str(), GENERIC_WRITE, FILE_SHARE_READ, nullptr, CREATE_ALWAYS,
        FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
    if (!marker.ok())
        throw HelpdeskUnavailable("cannot create the helpdesk marker " + path.string() + ": " +
                                  windows::error_text(::GetLastError()));
    return marker;
}

}  // namespace

// A pipe has no half-close (listener.h).
void stop_sending(ConnectionStream&) {}

struct Listener::Impl {
    Impl(asio::io_context& context, const std::filesystem::path& marker_path)
        : io(context), sid(own_user()), pipe_name(pipe_name_of(marker_path, sid)), listening(io) {}

    void listen(const std::filesystem::path& marker_path);
    void on_connected(error_code ec, const AcceptHandler& on_accept);

    asio::io_context& io;
    const UserId sid;
    const std::string pipe_name;
    ConnectionStream listening;  // the instance the next client connects to
    windows::UniqueHandle marker;
};

void Listener::Impl::listen(const std::filesystem::path& marker_path) {
    auto first = windows::create_pipe_instance(pipe_name, sid, true);
    if (!first.ok()) {
        const DWORD error = ::GetLastError();
        throw HelpdeskUnavailable(error == ERROR_ACCESS_DENIED
                                      ? "the helpdesk pipe " + pipe_name +
                                            " exists already: another process has its name"
                                      : "cannot create the helpdesk pipe " + pipe_name + ": " +
                                            windows::error_text(error));
    }
    error_code ec;
    listening.assign(first.get(), ec);
    if (ec) throw HelpdeskUnavailable("cannot serve the helpdesk pipe: " + ec.message());
    first.release();  // listening's now
    // Announced only once the pipe is ours.
    marker = create_marker(marker_path);
}

void Listener::Impl::on_connected(error_code ec, const AcceptHandler& on_accept) {
    if (ec == asio::error::operation_aborted) return on_accept(ec, ConnectionStream(io));
    if (!ec) {
        // The next instance before this one is handed over: the pipe always
        // has an instance of ours, so its name is never free for another
        // process to take (later instances need no FIRST_PIPE_INSTANCE; the
        // DACL lets only us add one).
        auto next = windows::create_pipe_instance(pipe_name, sid, false);
        if (next.ok()) {
            ConnectionStream connected = std::move(listening);
            listening = ConnectionStream(io, next.release());
            return on_accept(ec, std::move(connected));
        }
        ec = win32_error(::GetLastError());
    }
    // This client is lost (it left before it was seen, or there is no next
    // instance): the instance is reset for the next one.
    ::DisconnectNamedPipe(listening.native_handle());
    on_accept(ec, ConnectionStream(io));
}

Listener::Listener(asio::io_context& io, const std::filesystem::path& address)
    : impl_(std::make_unique<Impl>(io, address)) {
    impl_->listen(address);
}

Listener::~Listener() = default;

// ConnectNamedPipe, overlapped, its completion delivered through the
// io_context like any Asio operation (windows::overlapped_ptr).
void Listener::async_accept(AcceptHandler on_accept) {
    Impl& impl = *impl_;
    asio::windows::overlapped_ptr connect(
        impl.io, [&impl, on_accept = std::move(on_accept)](const error_code& ec, std::size_t) {
            impl.on_connected(ec, on_accept);
        });
    const BOOL done = ::ConnectNamedPipe(impl.listening.native_handle(), connect.get());
    const DWORD error = ::GetLastError();
    if (!done && error == ERROR_PIPE_CONNECTED)
        connect.complete(error_code(), 0);  // the client came before we asked
    else if (!done && error != ERROR_IO_PENDING)
        connect.complete(win32_error(error), 0);
    else
        connect.release();  // the completion comes through the io_context
}

void Listener::close() {
    impl_->marker.reset();  // deleted: the CLI no longer finds this host
    error_code ignored;
    impl_->listening.cancel(ignored);
    impl_->listening.close(ignored);
}

}  // namespace ccp_relogin::helpdesk
