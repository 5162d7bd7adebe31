#include "protocol/host_session.h"

#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <variant>

#include "base/bounded_json.h"
#include "protocol/protocol_error.h"
#include "protocol/validate_message.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

json too_large_error(std::uint32_t length) {
    return error_reply({std::string(error_code::kTooLarge),
                        "the message is " + std::to_string(length) +
                            " bytes, over the 1 MiB limit; the host is closing the port",
                        ""},
                       std::nullopt);
}

// Visits one read result; returns the exit code when the session ends.
class SessionStep {
  public:
    SessionStep(messaging::SharedFrameWriter& writer, Dispatcher& dispatcher,
                std::ostream& diagnostics)
        : writer_(writer), dispatcher_(dispatcher), diagnostics_(diagnostics) {}

    std::optional<int> operator()(const messaging::Frame& frame) {
        if (writer_.write(answer_frame(frame.bytes, dispatcher_)) ==
            messaging::WriteStatus::kBrowserGone)
            return 0;
        return std::nullopt;
    }
    std::optional<int> operator()(const messaging::CleanEof&) { return 0; }
    std::optional<int> operator()(const messaging::TruncatedEof&) {
        diagnostics_ << "ccp-relogin: the browser closed the port in the middle of a message\n";
        return 0;
    }
    std::optional<int> operator()(const messaging::TooLarge& too_large) {
        writer_.write(too_large_error(too_large.length));
        return 1;
    }

  private:
    messaging::SharedFrameWriter& writer_;
    Dispatcher& dispatcher_;
    std::ostream& diagnostics_;
};

}  // namespace

json answer_frame(std::string_view body, Dispatcher& dispatcher) {
    std::optional<json> re;
    try {
        base::BoundedParse parsed = base::parse_bounded_json(body, kMaxJsonDepth);
        if (const auto* refusal = std::get_if<base::JsonRefusal>(&parsed))
            return error_reply(protocol_error(*refusal), std::nullopt);
        Validated validated = validate_message(std::get<json>(parsed));
        if (const auto* rejected = std::get_if<Rejected>(&validated))
            return error_reply(rejected->error, rejected->re);
        const auto& request = std::get<Request>(validated);
        re = request.id;
        return dispatcher.handle(request);
    } catch (const std::exception& e) {
        return error_reply({std::string(error_code::kInternal),
                            std::string("the host failed to handle the message: ") + e.what(), ""},
                           re);
    }
}

int run_host_session(messaging::FrameReader& reader, messaging::FrameWriter& writer,
                     Dispatcher& dispatcher, std::ostream& diagnostics) {
    messaging::SharedFrameWriter shared(writer);
    return run_host_session(reader, shared, dispatcher, diagnostics);
}

int run_host_session(messaging::FrameReader& reader, messaging::SharedFrameWriter& writer,
                     Dispatcher& dispatcher, std::ostream& diagnostics,
                     const std::function<void()>& after_first_reply) {
    SessionStep step(writer, dispatcher, diagnostics);
    bool replied = false;
    try {
        for (;;) {
            if (const auto exit_code = std::visit(step, reader.read())) return *exit_code;
            if (!replied && after_first_reply) after_first_reply();
            replied = true;
        }
    } catch (const std::system_error& e) {
        diagnostics << "ccp-relogin: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace ccp_relogin::protocol
