#include "app/host_mode.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>

#include "audit/audit_log.h"
#include "audit/audit_trail.h"
#include "audit/forward_process.h"
#include "audit/forward_wire.h"
#include "audit/journal_log.h"
#include "audit/repeat_limit.h"
#include "base/clock.h"
#include "base/random_source.h"
#include "config/development_trust.h"
#include "config/loader.h"
#include "guard/state_store.h"
#include "helpdesk/config_snapshot.h"
#include "helpdesk/helpdesk.h"
#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "messaging/reserve_stdout.h"
#include "messaging/shared_frame_writer.h"
#include "platform/child_process.h"
#include "platform/extension_ids.h"
#include "platform/paths.h"
#include "platform/process_identity.h"
#include "protocol/caller_origin.h"
#include "protocol/dispatcher.h"
#include "protocol/host_session.h"
#include "protocol/protocol_error.h"
#include "version.h"

namespace ccp_relogin::app {
namespace {

// The origin argument is whatever started us: show a bounded piece of it.
constexpr std::size_t kShownOriginLength = 100;

// The development ID has its own way in: naming it in allowedExtensionIds
// works too, but the install flag is what a developer is after.
std::string origin_refusal(const std::string& shown, std::string_view origin) {
    const std::string refused = "the caller " + shown + " is not an allowed extension; ";
    if (protocol::extension_id_from_origin(origin) == platform::kDevelopmentExtensionId)
        return refused +
               "this release build trusts the unpacked development extension only after "
               "`ccp-relogin install --trust-development-extension`";
    return refused + "add its ID to allowedExtensionIds in the configuration";
}

void refuse_origin(messaging::FrameWriter& writer, std::string_view origin,
                   audit::ForwarderProcess& forwarder, std::ostream& diagnostics) {
    const std::string shown(origin.substr(0, kShownOriginLength));
    const std::string message = origin_refusal(shown, origin);
    writer.write(protocol::error_reply({std::string(protocol::error_code::kOrigin), message, ""},
                                       std::nullopt));
    diagnostics << "ccp-relogin: " << message << '\n';
    // Worth an audit line if the state directory is usable; never required.
    try {
        audit::AuditTrail(platform::state_dir(), base::system_clock(), &forwarder)
            .record({{"event", "origin-refused"}, {"origin", shown}});
    } catch (const std::exception&) {
    }
}

int refuse_without_state(messaging::FrameWriter& writer, const std::exception& e,
                         std::ostream& diagnostics) {
    const std::string message =
        std::string("the host can't use its state directory, which loop protection needs: ") +
        e.what();
    writer.write(protocol::error_reply(
        {std::string(protocol::error_code::kStateUnavailable), message, ""}, std::nullopt));
    diagnostics << "ccp-relogin: " << message << '\n';
    return 1;
}

// The helpdesk socket's way to the extension: a pushed frame, false when
// the browser has closed the port.
helpdesk::FramePusher pusher(messaging::SharedFrameWriter& writer) {
    return [&writer](const nlohmann::json& frame) {
        return writer.write(frame) == messaging::WriteStatus::kWritten;
    };
}

helpdesk::RunningHost running_host(const std::string& extension_id, bool trusts_development) {
    return helpdesk::RunningHost{.pid = platform::process_id(),
                                 .extensionId = extension_id,
                                 .version = kVersion,
                                 .startedAt = audit::iso8601_utc(base::system_clock().now_ms()),
                                 .trustsDevelopmentExtension = trusts_development};
}

// Where the forwarder reads the log; empty when there is no state
// directory (then nothing is recorded, and nothing forwarded, either).
std::filesystem::path state_dir_or_empty() {
    try {
        return platform::state_dir();
    } catch (const std::exception&) {
        return {};
    }
}

// Forwarding's state changes, one line each: one write of a whole line, so
// it doesn't mix with the session's lines.
audit::StatusSink forwarding_status(std::ostream& diagnostics) {
    return [&diagnostics](const std::string& line) {
        diagnostics << ("ccp-relogin: " + line + "\n") << std::flush;
    };
}

// Loads the configuration (at start, on each hello with its policy) and
// publishes it to those that live beside the session: the helpdesk socket's
// thread, and audit forwarding, whose destination a policy may set.
protocol::ConfigProvider config_provider(const config::ConfigSources& sources,
                                         helpdesk::ConfigSnapshot& current_config,
                                         audit::ForwarderProcess& forwarder,
                                         audit::JournalLog& journal) {
    // Without a policy, hello gets what the start loaded a moment ago: the
    // files are read once per process (a port's hello comes once).
    auto without_policy = std::make_shared<std::optional<config::LoadedConfig>>();
    return [sources, &current_config, &forwarder, &journal,
            without_policy](const nlohmann::json* policy) {
        config::LoadedConfig loaded =
            !policy && *without_policy ? **without_policy : config::load_config(sources, policy);
        if (!policy) *without_policy = loaded;
        current_config.publish(loaded.config);
        journal.set_enabled(loaded.config.audit.systemLog);
        forwarder.set_destination(loaded.config.audit.forwardUrl,
                                  audit::wire_format_named(loaded.config.audit.forwardFormat)
                                      .value_or(audit::WireFormat::kJsonArray),
                                  loaded.config.audit.forwardPublicKeySha256,
                                  loaded.config.audit.forwardTokenFile);
        return loaded;
    };
}

// The helpdesk's audit lines, with a flood of one kind held back and
// counted (audit/repeat_limit.h): any local process of the user can write
// to the helpdesk socket. Held-back counts not yet said are written when the
// helpdesk goes, before the trail does.
constexpr std::size_t kHelpdeskLinesPerMinute = 60;  // far more than a helpdesk sends

class HeldBackTrail {
  public:
    explicit HeldBackTrail(audit::AuditTrail& trail) : trail_(trail) {}
    HeldBackTrail(const HeldBackTrail&) = delete;
    HeldBackTrail& operator=(const HeldBackTrail&) = delete;
    ~HeldBackTrail() {
        for (const auto& line : limit_.flush()) trail_.record(line);
    }
    void record(const nlohmann::json& event) {
        const std::lock_guard lock(mutex_);
        for (const auto& line : limit_.admit(event, base::system_clock().now_ms()))
            trail_.record(line);
    }

  private:
    audit::AuditTrail& trail_;
    std::mutex mutex_;
    audit::RepeatLimit limit_{kHelpdeskLinesPerMinute, 60'000};
};

audit::AuditSink helpdesk_audit(audit::AuditTrail& trail) {
    auto held_back = std::make_shared<HeldBackTrail>(trail);
    return [held_back](const nlohmann::json& event) { held_back->record(event); };
}

// The session's audit events, tagged with the extension they came from.
audit::AuditSink tagged_audit(audit::AuditTrail& trail, const std::string& extension_id) {
    return [&trail, extension_id](const nlohmann::json& event) {
        nlohmann::json tagged = event;
        tagged["extensionId"] = extension_id;
        trail.record(tagged);
    };
}

int serve(const messaging::BrowserPort& port, std::string_view origin, std::ostream& diagnostics) {
    messaging::FrameWriter writer(port.output);
    messaging::SharedFrameWriter shared_writer(writer);

    // Audit forwarding (audit/forward_process.h) is declared before
    // everything that records, so it outlives them; the forwarder it starts
    // reads the log itself and finishes by itself after we are gone.
    audit::ForwarderProcess forwarder(platform::helper_program(audit::kForwarderProgram),
                                      state_dir_or_empty(), kVersion, base::system_clock(),
                                      forwarding_status(diagnostics));

    audit::JournalLog journal;
    helpdesk::ConfigSnapshot current_config;
    const config::ConfigSources sources = config::default_config_sources(std::nullopt);
    const protocol::ConfigProvider load =
        config_provider(sources, current_config, forwarder, journal);
    config::LoadedConfig initial = load(nullptr);
    const bool trusts_development =
        config::development_extension_trust(sources, kBuildTrustsDevelopmentExtension).trusted;

    if (!protocol::is_allowed_origin(origin, initial.config.allowedExtensionIds,
                                     trusts_development)) {
        refuse_origin(writer, origin, forwarder, diagnostics);
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

    // One trail for the session and the helpdesk thread: local log, then
    // the forwarder.
    audit::AuditTrail trail(state_dir, base::system_clock(), &forwarder, {}, &journal);
    const std::string extension_id = protocol::extension_id_from_origin(origin).value_or("");
    const audit::AuditSink audit = tagged_audit(trail, extension_id);

    // What became of forced re-logins, for relogin --wait: the dispatcher
    // tells it, the helpdesk thread waits on it; it outlives both.
    helpdesk::ReloginWatch relogin_watch;
    protocol::Dispatcher dispatcher(
        protocol::Collaborators{
            .load_config = load,
            .state = *store,
            .clock = base::system_clock(),
            .audit = audit,
            .new_correlation_id = base::new_correlation_id,
            .jitter = base::random_jitter,
            .on_decision =
                [&relogin_watch](const nlohmann::json& reply) { relogin_watch.observe(reply); }},
        std::move(initial));
    // Declared last: destroyed first, so its thread has stopped and its
    // socket file is gone before the writer and the configuration go away.
    // Started after the first reply: a helpdesk reaches agents through a
    // port that stays open, and a one-message sendNativeMessage should not
    // wait for a socket and a thread (README.md, "Benchmarks").
    std::unique_ptr<helpdesk::Helpdesk> helpdesk;
    const auto start_helpdesk = [&] {
        helpdesk = helpdesk::start_helpdesk(
            state_dir, running_host(extension_id, trusts_development), current_config,
            pusher(shared_writer), helpdesk_audit(trail), diagnostics, &relogin_watch);
    };
    messaging::FdByteSource input(port.input);
    messaging::FrameReader reader(input);
    return protocol::run_host_session(reader, shared_writer, dispatcher, diagnostics,
                                      start_helpdesk);
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

}  // namespace ccp_relogin::app
