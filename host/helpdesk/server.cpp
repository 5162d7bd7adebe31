#include "helpdesk/server.h"

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <iostream>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "helpdesk/listener.h"

namespace ccp_relogin::helpdesk {
namespace {

namespace asio = boost::asio;

// After an accept error (EMFILE, ENOBUFS), try again a little later instead
// of spinning on the same error.
constexpr std::chrono::milliseconds kAcceptRetry{200};

std::string reply_line(const nlohmann::json& reply) {
    return reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

// Where a LateReply posts its answer: the io_context while the server runs,
// nothing once it has stopped (a watch may outlive the server).
struct ReplyPoster {
    std::mutex mutex;
    asio::io_context* io = nullptr;

    void post(std::function<void()> work) {
        const std::lock_guard lock(mutex);
        if (io) asio::post(*io, std::move(work));
    }
    void stop() {
        const std::lock_guard lock(mutex);
        io = nullptr;
    }
};

struct HelpdeskServer::Impl {
    Impl(std::filesystem::path path, LineHandler h, RefusalHandler r, TooLongReply t,
         ServerOptions o)
        : socket_path(std::move(path)),
          handler(std::move(h)),
          on_refused(std::move(r)),
          too_long(std::move(t)),
          options(o) {}

    class Connection;

    void listen();
    void accept_next();
    void make_room();
    void run();
    void stop_and_remove();

    // Declared before the io_context so they outlive the handlers it destroys.
    std::filesystem::path socket_path;
    LineHandler handler;
    RefusalHandler on_refused;
    TooLongReply too_long;
    ServerOptions options;
    std::size_t active = 0;  // touched on the io thread only
    // Connections waiting for their request line (or draining an over-long
    // one), oldest first: the ones a new client may displace (io thread only).
    std::list<Connection*> idle;
    const UserId self = own_user();

    asio::io_context io;
    std::shared_ptr<ReplyPoster> poster = std::make_shared<ReplyPoster>();
    std::optional<Listener> listener;  // set by listen()
    asio::steady_timer accept_retry{io};
    std::thread thread;
};

// One client: check the peer, read one line under a deadline, answer, close.
class HelpdeskServer::Impl::Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(Impl& server, ConnectionStream socket)
        : server_(server), socket_(std::move(socket)), deadline_(server.io) {
        ++server_.active;
    }
    ~Connection() {
        leave_idle();
        release_slot();
    }

    // Makes room for a new client: this one has waited longest without a line.
    void evict() { close(); }

    void start() {
        const auto peer = peer_credentials(socket_.native_handle());
        if (!peer || !peer_allowed(user_of(*peer), server_.self)) {
            server_.on_refused(peer);
            return;  // the socket closes with this object
        }
        peer_ = *peer;
        enter_idle();
        deadline_.expires_after(server_.options.clientTimeout);
        deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (!ec) self->close();
        });
        asio::async_read_until(
            socket_, asio::dynamic_buffer(buffer_, kMaxRequestBytes + 1), '\n',
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                self->on_line(ec, n);
            });
    }

  private:
    void on_line(const boost::system::error_code& ec, std::size_t length) {
        leave_idle();
        if (ec == asio::error::not_found) return reply(server_.too_long(), true);
        if (ec == asio::error::eof && !buffer_.empty())
            length = buffer_.size();
        else if (ec)
            return close();
        std::string_view line(buffer_.data(), length);
        if (line.ends_with('\n')) line.remove_suffix(1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        auto answer = server_.handler(line, peer_);
        if (auto* now = std::get_if<nlohmann::json>(&answer)) return reply(*now, false);
        defer(std::get<Deferred>(std::move(answer)));
    }

    // The line has come: its deadline gives way to the answer's.
    void defer(Deferred later) {
        deadline_.cancel();
        deadline_.expires_after(later.timeout);
        deadline_.async_wait([self = shared_from_this(), on_timeout = std::move(later.on_timeout)](
                                 const boost::system::error_code& ec) {
            if (!ec) self->answer_once(on_timeout);
        });
        std::weak_ptr<Connection> weak = shared_from_this();
        later.start(LateReply([weak, poster = server_.poster](const nlohmann::json& reply) {
            poster->post([weak, reply] {
                if (auto self = weak.lock()) self->answer_once(reply);
            });
        }));
    }

    // A deferred answer: the first of the late reply and the timeout (io thread).
    void answer_once(const nlohmann::json& answer) {
        if (answered_) return;
        answered_ = true;
        deadline_.cancel();
        reply(answer, false);
    }

    void reply(const nlohmann::json& answer, bool then_drain) {
        out_ = reply_line(answer);
        asio::async_write(socket_, asio::buffer(out_),
                          [self = shared_from_this(), then_drain](
                              const boost::system::error_code& ec, std::size_t) {
                              if (ec || !then_drain) return self->close();
                              stop_sending(self->socket_);
                              self->enter_idle();  // answered: only discarding now
                              self->drain();
                          });
    }

    void drain() {
        socket_.async_read_some(
            asio::buffer(discard_),
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (ec) return self->close();
                self->drain();
            });
    }

    // The slot is free once the socket is closed, though the handlers still
    // pending keep this object alive a moment longer.
    void close() {
        leave_idle();
        release_slot();
        boost::system::error_code ignored;
        deadline_.cancel();
        socket_.close(ignored);
    }

    void enter_idle() {
        if (!idle_at_) idle_at_ = server_.idle.insert(server_.idle.end(), this);
    }
    void leave_idle() {
        if (idle_at_) server_.idle.erase(*idle_at_);
        idle_at_.reset();
    }
    void release_slot() {
        if (holds_slot_) --server_.active;
        holds_slot_ = false;
    }

    Impl& server_;
    ConnectionStream socket_;
    asio::steady_timer deadline_;
    PeerCredentials peer_;
    std::string buffer_;
    std::string out_;
    std::array<char, 4096> discard_{};
    std::optional<std::list<Connection*>::iterator> idle_at_;  // set while in server_.idle
    bool holds_slot_ = true;
    bool answered_ = false;  // a deferred answer went out (io thread)
};

void HelpdeskServer::Impl::listen() { listener.emplace(io, socket_path); }

void HelpdeskServer::Impl::accept_next() {
    listener->async_accept([this](const boost::system::error_code& ec, ConnectionStream socket) {
        if (ec == asio::error::operation_aborted) return;
        if (ec) {
            accept_retry.expires_after(kAcceptRetry);
            accept_retry.async_wait([this](const boost::system::error_code& wait_ec) {
                if (!wait_ec) accept_next();
            });
            return;
        }
        make_room();
        if (active < options.maxConnections)
            std::make_shared<Connection>(*this, std::move(socket))->start();
        accept_next();
    });
}

// A well-behaved client sends its line at once, so the slots can only stay
// full with clients that don't: the one that has waited longest goes. When
// every slot is busy answering, there is no room, and the new client is
// closed at once.
void HelpdeskServer::Impl::make_room() {
    if (active >= options.maxConnections && !idle.empty()) idle.front()->evict();
}

void HelpdeskServer::Impl::run() {
    // Handlers don't throw (the LineHandler must not); this is the backstop
    // that keeps one surprise from ending the helpdesk socket for good.
    for (;;) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            std::cerr << "ccp-relogin: helpdesk socket: " << e.what() << '\n';
        }
    }
}

void HelpdeskServer::Impl::stop_and_remove() {
    poster->stop();
    io.stop();
    if (thread.joinable()) thread.join();
    if (listener) listener->close();
}

HelpdeskServer::HelpdeskServer(std::filesystem::path socket_path, LineHandler handler,
                               RefusalHandler on_refused, TooLongReply too_long,
                               ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(socket_path), std::move(handler),
                                   std::move(on_refused), std::move(too_long), options)) {
    impl_->listen();
    impl_->poster->io = &impl_->io;
    impl_->accept_next();
    impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

HelpdeskServer::~HelpdeskServer() { impl_->stop_and_remove(); }

const std::filesystem::path& HelpdeskServer::socket_path() const { return impl_->socket_path; }

}  // namespace ccp_relogin::helpdesk
