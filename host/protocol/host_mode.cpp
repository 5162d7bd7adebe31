#include "protocol/host_mode.h"

#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include "audit/audit_log.h"
#include "config/loader.h"
#include "guard/clock.h"
#include "guard/random_source.h"
#include "guard/state_store.h"
#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "messaging/reserve_stdout.h"
#include "platform/paths.h"
#include "protocol/caller_origin.h"
#include "protocol/dispatcher.h"
#include "protocol/host_session.h"
#include "protocol/protocol_error.h"

namespace ccp_relogin::protocol {
namespace {

// The origin argument is whatever started us: show a bounded piece of it.
constexpr std::size_t kShownOriginLength = 100;

void refuse_origin(messaging::FrameWriter& writer, std::string_view origin,
                   std::ostream& diagnostics) {
    const std::string shown(origin.substr(0, kShownOriginLength));
    const std::string message = "the caller " + shown +
                                " is not an allowed extension; add its ID to allowedExtensionIds "
                                "in the configuration";
    writer.write(error_reply({std::string(error_code::kOrigin), message, ""}, std::nullopt));
    diagnostics << "ccp-relogin: " << message << '\n';
    // Worth an audit line if the state directory is usable; never required.
    try {
        audit::AuditLog(platform::state_dir())
            .record({{"event", "origin-refused"}, {"origin", shown}});
    } catch (const std::exception&) {
    }
}

int refuse_without_state(messaging::FrameWriter& writer, const std::exception& e,
                         std::ostream& diagnostics) {
    const std::string message =
        std::string("the host can't use its state directory, which loop protection needs: ") +
        e.what();
    writer.write(
        error_reply({std::string(error_code::kStateUnavailable), message, ""}, std::nullopt));
    diagnostics << "ccp-relogin: " << message << '\n';
    return 1;
}

int serve(const messaging::BrowserPort& port, std::string_view origin, std::ostream& diagnostics) {
    messaging::FrameWriter writer(port.output);

    const config::ConfigSources sources = config::default_config_sources(std::nullopt);
    ConfigProvider load = [sources](const nlohmann::json* policy) {
        return config::load_config(sources, policy);
    };
    config::LoadedConfig initial = load(nullptr);

    if (!is_allowed_origin(origin, initial.config.allowedExtensionIds)) {
        refuse_origin(writer, origin, diagnostics);
        return 1;
    }

    std::filesystem::path state_dir;
    std::optional<guard::StateStore> store;
    try {
        state_dir = platform::state_dir();
        store.emplace(state_dir);
    } catch (const std::exception& e) {
        return refuse_without_state(writer, e, diagnostics);
    }

    audit::AuditLog audit_log(state_dir);
    const std::string extension_id = extension_id_from_origin(origin).value_or("");
    AuditSink audit = [&audit_log, extension_id](const nlohmann::json& event) {
        nlohmann::json tagged = event;
        tagged["extensionId"] = extension_id;
        audit_log.record(tagged);
    };

    Dispatcher dispatcher(Collaborators{.load_config = load,
                                        .state = *store,
                                        .clock = guard::system_clock(),
                                        .audit = audit,
                                        .new_correlation_id = guard::new_correlation_id,
                                        .jitter = guard::random_jitter},
                          std::move(initial));
    messaging::FdByteSource input(port.input);
    messaging::FrameReader reader(input);
    return run_host_session(reader, writer, dispatcher, diagnostics);
}

}  // namespace

int run_host_mode(std::string_view origin, std::ostream& diagnostics) {
    messaging::BrowserPort port{};
    try {
        port = messaging::reserve_stdout_for_frames();
    } catch (const std::system_error& e) {
        diagnostics << "ccp-relogin: " << e.what() << '\n';
        return 1;
    }
    try {
        return serve(port, origin, diagnostics);
    } catch (const std::exception& e) {
        // Writing a frame failed for a reason other than a closed port.
        diagnostics << "ccp-relogin: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace ccp_relogin::protocol
