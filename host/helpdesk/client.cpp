#include "helpdesk/client.h"

#include <utility>

#include "helpdesk/line_exchange.h"
#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {

std::string request_line(const nlohmann::json& request) {
    return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

HostAnswer failed(HostAnswer answer, std::string problem) {
    answer.outcome = HostAnswer::Outcome::kFailed;
    answer.problem = std::move(problem);
    return answer;
}

HostAnswer exchange_answer(HostAnswer answer, const boost::system::error_code& ec, bool done,
                           const std::string& reply, std::chrono::milliseconds timeout) {
    namespace asio = boost::asio;
    if (!done)
        return failed(std::move(answer),
                      "no answer within " + std::to_string(timeout.count() / 1000) + " s");
    if (ec == asio::error::not_found)
        return failed(std::move(answer), "the host's reply is longer than " +
                                             std::to_string(kMaxReplyBytes) + " bytes");
    if (ec)
        return failed(std::move(answer), ec == asio::error::eof
                                             ? "the host closed the connection without a reply"
                                             : ec.message());
    const auto parsed = nlohmann::json::parse(reply, nullptr, false);
    if (!parsed.is_object()) return failed(std::move(answer), "the host's reply is not JSON");
    answer.outcome = HostAnswer::Outcome::kReplied;
    answer.reply = parsed;
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
