#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/local/stream_protocol.hpp>

#include "helpdesk/client.h"
#include "helpdesk/line_exchange.h"
#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

namespace asio = boost::asio;
using Stream = asio::local::stream_protocol;

bool is_socket_file(const std::filesystem::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

}  // namespace

HostAnswer ask_host(const std::filesystem::path& socket, long pid, const nlohmann::json& request,
                    std::chrono::milliseconds timeout) {
    HostAnswer answer{pid, socket, HostAnswer::Outcome::kFailed, nullptr, ""};
    if (const auto problem = socket_path_problem(socket, max_socket_path_bytes()))
        return failed(std::move(answer), *problem);
    LineExchange<Stream::socket> exchange(request_line(request));
    exchange.stream().async_connect(Stream::endpoint(socket.string()),
                                    [&exchange](const boost::system::error_code& ec) {
                                        if (ec) return exchange.fail(ec);
                                        exchange.send();
                                    });
    const auto [ec, done] = exchange.run(timeout);
    if (done && ec == asio::error::connection_refused) {
        // Nobody listens: the host was killed. Only ever a socket is removed.
        if (is_socket_file(socket)) ::unlink(socket.c_str());
        answer.outcome = HostAnswer::Outcome::kStaleRemoved;
        return answer;
    }
    if (done && ec == boost::system::errc::no_such_file_or_directory) {
        answer.outcome = HostAnswer::Outcome::kGone;
        return answer;
    }
    return exchange_answer(std::move(answer), ec, done, exchange.reply(), timeout);
}

}  // namespace ccp_relogin::helpdesk
