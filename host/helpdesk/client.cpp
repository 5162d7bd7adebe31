#include "helpdesk/client.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <optional>

#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

namespace asio = boost::asio;
using Stream = asio::local::stream_protocol;
using boost::system::error_code;

bool is_socket_file(const std::filesystem::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

HostAnswer failed(HostAnswer answer, std::string problem) {
    answer.outcome = HostAnswer::Outcome::kFailed;
    answer.problem = std::move(problem);
    return answer;
}

// One exchange driven by an io_context, so a silent host costs at most the
// timeout (Asio's blocking calls have none).
class Exchange {
  public:
    Exchange(const std::filesystem::path& socket, std::string request_line)
        : socket_(io_), endpoint_(socket.string()), request_(std::move(request_line)) {}

    // The first error (if any) and whether the exchange finished in time.
    std::pair<error_code, bool> run(std::chrono::milliseconds timeout) {
        socket_.async_connect(endpoint_, [this](const error_code& ec) { on_connect(ec); });
        io_.run_for(timeout);
        return {error_, done_};
    }

    const std::string& reply() const { return reply_; }

  private:
    void on_connect(const error_code& ec) {
        if (ec) return finish(ec);
        asio::async_write(
            socket_, asio::buffer(request_), [this](const error_code& write_ec, std::size_t) {
                if (write_ec) return finish(write_ec);
                asio::async_read_until(
                    socket_, asio::dynamic_buffer(reply_, kMaxReplyBytes), '\n',
                    [this](const error_code& read_ec, std::size_t) { finish(read_ec); });
            });
    }

    void finish(const error_code& ec) {
        error_ = ec;
        done_ = true;
    }

    asio::io_context io_;
    Stream::socket socket_;
    Stream::endpoint endpoint_;
    std::string request_;
    std::string reply_;
    error_code error_;
    bool done_ = false;
};

}  // namespace

HostAnswer ask_host(const std::filesystem::path& socket, long pid, const nlohmann::json& request,
                    std::chrono::milliseconds timeout) {
    HostAnswer answer{pid, socket, HostAnswer::Outcome::kFailed, nullptr, ""};
    if (const auto problem = socket_path_problem(socket, max_socket_path_bytes()))
        return failed(std::move(answer), *problem);
    Exchange exchange(
        socket, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    const auto [ec, done] = exchange.run(timeout);
    if (!done)
        return failed(std::move(answer),
                      "no answer within " + std::to_string(timeout.count() / 1000) + " s");
    if (ec == asio::error::connection_refused) {
        // Nobody listens: the host was killed. Only ever a socket is removed.
        if (is_socket_file(socket)) ::unlink(socket.c_str());
        answer.outcome = HostAnswer::Outcome::kStaleRemoved;
        return answer;
    }
    if (ec == boost::system::errc::no_such_file_or_directory) {
        answer.outcome = HostAnswer::Outcome::kGone;
        return answer;
    }
    if (ec == asio::error::not_found)
        return failed(std::move(answer), "the host's reply is longer than " +
                                             std::to_string(kMaxReplyBytes) + " bytes");
    if (ec)
        return failed(std::move(answer), ec == asio::error::eof
                                             ? "the host closed the connection without a reply"
                                             : ec.message());
    const auto reply = nlohmann::json::parse(exchange.reply(), nullptr, false);
    if (!reply.is_object()) return failed(std::move(answer), "the host's reply is not JSON");
    answer.outcome = HostAnswer::Outcome::kReplied;
    answer.reply = reply;
    return answer;
}

std::vector<HostAnswer> ask_every_host(const std::filesystem::path& dir,
                                       const nlohmann::json& request,
                                       std::chrono::milliseconds timeout) {
    std::vector<HostAnswer> answers;
    for (const auto& socket : list_host_sockets(dir))
        answers.push_back(ask_host(socket,
                                   pid_from_socket_name(socket.filename().string()).value_or(0),
                                   request, timeout));
    return answers;
}

}  // namespace ccp_relogin::helpdesk
