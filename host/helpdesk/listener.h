#pragma once
// The system's half of the helpdesk server (helpdesk/server.h): where
// clients come from and what a connection is. server.cpp serves
// connections the same way on every system; this says how they arrive.
//
// One implementation per system: posix_listener.cpp listens on the Unix
// socket `<state_dir>/ipc/host-<pid>.sock`; windows_listener.cpp on the
// named pipe of helpdesk/pipe_name.h, with the marker file
// `<state_dir>/ipc/host-<pid>.pipe` that tells the CLI the host runs. The
// connection types differ (a socket, a pipe handle) but read, write and
// close alike, so only their names are chosen here.
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <filesystem>
#include <functional>
#include <memory>

#if defined(_WIN32)
#include <boost/asio/windows/stream_handle.hpp>
#else
#include <boost/asio/local/stream_protocol.hpp>
#endif

namespace ccp_relogin::helpdesk {

#if defined(_WIN32)
using ConnectionStream = boost::asio::windows::stream_handle;
#else
using ConnectionStream = boost::asio::local::stream_protocol::socket;
#endif

// After answering a too-long line the server sends nothing more but still
// reads: on POSIX it shuts the socket's sending side (the client sees the
// reply, then EOF); a pipe has no half-close, so on Windows this does
// nothing and the client reads the reply line and closes.
void stop_sending(ConnectionStream& connection);

class Listener {
  public:
    using AcceptHandler = std::function<void(const boost::system::error_code&, ConnectionStream)>;

    // Starts listening at `address` (HelpdeskServer's socket_path). Throws
    // HelpdeskUnavailable (helpdesk/socket_dir.h) with the reason.
    Listener(boost::asio::io_context& io, const std::filesystem::path& address);
    ~Listener();

    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    // The next client, as Asio's async_accept: operation_aborted once
    // closed; another error when this one failed (the server retries later).
    void async_accept(AcceptHandler on_accept);

    // Stops listening and removes what announced the host (the socket file,
    // the marker), if it is still ours. Call with the io_context stopped.
    void close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ccp_relogin::helpdesk
