#pragma once
// The helpdesk socket's listener: a Unix-domain stream socket (on Windows, a
// named pipe: helpdesk/listener.h) served by a Boost.Asio io_context on one
// thread of its own, so the session thread can keep reading stdin with
// blocking reads (host_session.h) and the host still exits as soon as the
// browser closes the port: the destructor stops the io_context, joins the
// thread and removes the socket file (on Windows, the marker file).
//
// Per connection (helpdesk/wire_protocol.h): the peer's user is checked first
// (peer_credentials.h; others are disconnected without a word and reported to
// `on_refused`); then one request line of at most kMaxRequestBytes is read
// under a deadline, handed to `handler`, and its reply written as one line,
// at once or, for a Deferred answer, when it comes (or its timeout does).
// A line that is too long is not parsed: the client gets `too_long()`, then
// the server stops sending and discards what the client still sends until
// EOF or the deadline (closing with unread data would make the client's read
// fail with a reset instead of showing the error). A request that ends at EOF
// without a newline is answered too (a client may half-close instead).
//
// When every slot is taken, a new client displaces the connection that has
// waited longest for its line (or is draining one), so idle clients can't
// keep `ccp-relogin relogin` out for the whole deadline; only when every slot
// is busy answering is the new client closed at once.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "helpdesk/peer_credentials.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {

// A reply given later, from any thread (relogin --wait): the connection's
// answer unless it has one already or is gone. Copyable.
class LateReply {
  public:
    using Send = std::function<void(const nlohmann::json& reply)>;
    explicit LateReply(Send send) : send_(std::move(send)) {}
    void send(const nlohmann::json& reply) const { send_(reply); }

  private:
    Send send_;
};

// A handler's answer for later: `start` gets the LateReply once the server
// has taken the connection off its line deadline; `on_timeout` is the answer
// when none came within `timeout`. The connection keeps its slot meanwhile.
struct Deferred {
    std::chrono::milliseconds timeout;
    nlohmann::json on_timeout;
    std::function<void(LateReply)> start;
};

// The reply to one request line, now or later; must not throw
// (HelpdeskService::answer).
using HandlerAnswer = std::variant<nlohmann::json, Deferred>;
using LineHandler =
    std::function<HandlerAnswer(std::string_view line, const PeerCredentials& peer)>;
// A connection refused because of its peer (nullopt: the kernel wouldn't say).
using RefusalHandler = std::function<void(const std::optional<PeerCredentials>& peer)>;
// The reply to a line that is too long (the server does not parse it).
using TooLongReply = std::function<nlohmann::json()>;

struct ServerOptions {
    std::chrono::milliseconds clientTimeout = kClientTimeout;
    // Connections served at once. Bounds memory (each may buffer a whole
    // request) against a runaway local script; see above for who gets a slot.
    std::size_t maxConnections = 8;
};

class HelpdeskServer {
  public:
    // Listens on `socket_path` and starts serving. The directory must have
    // been prepared (prepare_ipc_dir). A file already at that path belonged
    // to an earlier process with our pid (pids are reused) and is replaced.
    // Throws HelpdeskUnavailable (path too long for sun_path, bind/listen failed).
    // On Windows `socket_path` is the host's marker file (socket_path_for),
    // whose pid names the pipe (helpdesk/pipe_name.h); it throws when the
    // pipe's name is taken or another server holds the marker.
    HelpdeskServer(std::filesystem::path socket_path, LineHandler handler,
                   RefusalHandler on_refused, TooLongReply too_long, ServerOptions options = {});
    ~HelpdeskServer();

    HelpdeskServer(const HelpdeskServer&) = delete;
    HelpdeskServer& operator=(const HelpdeskServer&) = delete;

    const std::filesystem::path& socket_path() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ccp_relogin::helpdesk
