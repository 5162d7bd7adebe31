#pragma once
// What the CLI's side of the helpdesk (helpdesk/client.h) does the same way
// on every system once it has a connection: write one request line, read
// one reply line, all driven by an io_context so a silent host costs at
// most the timeout (Asio's blocking calls have none); and what the result
// means. posix_client.cpp and windows_client.cpp connect, each its own way.
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>
#include <utility>

#include "helpdesk/client.h"

namespace ccp_relogin::helpdesk {

// One exchange on a `Stream` (a socket, a pipe handle) of its own io_context.
template <typename Stream>
class LineExchange {
  public:
    explicit LineExchange(std::string request_line)
        : stream_(io_), request_(std::move(request_line)) {}

    boost::asio::io_context& io() { return io_; }
    Stream& stream() { return stream_; }

    // Writes the request, then reads one reply line; call once connected.
    void send() {
        boost::asio::async_write(stream_, boost::asio::buffer(request_),
                                 [this](const boost::system::error_code& write_ec, std::size_t) {
                                     if (write_ec) return fail(write_ec);
                                     boost::asio::async_read_until(
                                         stream_,
                                         boost::asio::dynamic_buffer(reply_, kMaxReplyBytes), '\n',
                                         [this](const boost::system::error_code& read_ec,
                                                std::size_t) { fail(read_ec); });
                                 });
    }

    // Ends the exchange with `ec` (success included): the first one counts.
    void fail(const boost::system::error_code& ec) {
        if (done_) return;
        error_ = ec;
        done_ = true;
    }

    // The first error (if any) and whether the exchange finished in time.
    std::pair<boost::system::error_code, bool> run(std::chrono::milliseconds timeout) {
        io_.run_for(timeout);
        return {error_, done_};
    }

    const std::string& reply() const { return reply_; }

  private:
    boost::asio::io_context io_;
    Stream stream_;
    std::string request_;
    std::string reply_;
    boost::system::error_code error_;
    bool done_ = false;
};

// `request` as one line.
std::string request_line(const nlohmann::json& request);

// `answer` marked failed with `problem`.
HostAnswer failed(HostAnswer answer, std::string problem);

// What a finished (or unfinished: `done` false) exchange says, once the
// connection was made: the reply, or why there is none. `ec` is
// boost::asio::error::eof when the host closed without a line.
HostAnswer exchange_answer(HostAnswer answer, const boost::system::error_code& ec, bool done,
                           const std::string& reply, std::chrono::milliseconds timeout);

}  // namespace ccp_relogin::helpdesk
