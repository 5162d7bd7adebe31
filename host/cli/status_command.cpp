#include "cli/status_command.h"

#include <exception>

#include "cli/options_parser.h"
#include "helpdesk/running_hosts.h"
#include "platform/extension_ids.h"

namespace ccp_relogin::cli {
namespace {

using nlohmann::json;

constexpr const char* kCommand = "status";
constexpr int kRuntimeFailure = 1;

Options status_options() {
    Options options;
    options.flag("json", "print one JSON array");
    return options;
}

std::string number(const json& value) { return value.is_number() ? value.dump() : "?"; }

// "1/3 attempts in the last 900 s; back-off 2 s; signing in (…); stopped (…)".
std::string guard_summary(const json& guard, std::string& diagnosis) {
    std::string text = number(guard.value("attemptsInWindow", json())) + "/" +
                       number(guard.value("maxAttempts", json())) + " attempts in the last " +
                       number(guard.value("windowSeconds", json())) + " s";
    const auto backoff = guard.value("backoffRemainingMs", json(0));
    if (backoff.is_number_integer() && backoff.get<long long>() > 0)
        text += "; back-off " + std::to_string((backoff.get<long long>() + 999) / 1000) + " s";
    const json in_flight = guard.value("inFlight", json());
    if (in_flight.is_object())
        text +=
            std::string(in_flight.value("overdue", false) ? "; sign-in overdue" : "; signing in") +
            " (attempt " + number(in_flight.value("attempt", json())) + ", deadline " +
            helpdesk::terminal_text(in_flight.value("deadline", json())) + ")";
    const json stopped = guard.value("stopped", json());
    if (stopped.is_object()) {
        text += "; stopped (" + helpdesk::terminal_text(stopped.value("reason", json())) +
                ") until " + helpdesk::terminal_text(stopped.value("until", json()));
        diagnosis = helpdesk::terminal_text(stopped.value("diagnosis", json()));
    }
    if (!in_flight.is_object() && !stopped.is_object()) text += "; idle";
    const json landed = guard.value("lastLandedAt", json());
    if (landed.is_string()) text += "; last signed in " + helpdesk::terminal_text(landed);
    return text;
}

}  // namespace

std::string format_host_status(const json& reply) {
    std::string text = "pid " + number(reply.value("pid", json())) + ": extension " +
                       helpdesk::terminal_text(reply.value("extensionId", json())) + ", version " +
                       helpdesk::terminal_text(reply.value("version", json())) + ", started " +
                       helpdesk::terminal_text(reply.value("startedAt", json())) + "\n";
    if (!reply.value("ok", false))
        return text + "  error: " + helpdesk::terminal_text(reply.value("message", json())) + "\n";
    if (const json trusts = reply.value("trustsDevelopmentExtension", json()); trusts.is_boolean())
        text += "  development extension " + std::string(platform::kDevelopmentExtensionId) + ": " +
                (trusts.get<bool>() ? "trusted" : "not trusted") + "\n";
    const json profiles = reply.value("profiles", json::array());
    if (profiles.empty()) text += "  no profile configured\n";
    for (const auto& profile : profiles) {
        std::string diagnosis;
        text += "  " + helpdesk::terminal_text(profile.value("name", json())) + ": " +
                guard_summary(profile.value("guard", json::object()), diagnosis) + "\n";
        if (!diagnosis.empty()) text += "    " + diagnosis + "\n";
    }
    if (reply.contains("guardError"))
        text += "  guard state unavailable: " + helpdesk::terminal_text(reply["guardError"]) + "\n";
    return text;
}

int run_status(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
               std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, status_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    const bool as_json = line.values.has("json");

    std::vector<helpdesk::HostAnswer> replied;
    try {
        replied = helpdesk::ask_running_hosts(kCommand, ipc_dir, {{"type", "status"}}, err);
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    if (as_json) {
        json hosts = json::array();
        for (const auto& answer : replied) hosts.push_back(answer.reply);
        out << hosts.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    } else {
        for (const auto& answer : replied) out << format_host_status(answer.reply);
    }
    if (replied.empty()) {
        err << "ccp-relogin " << kCommand << ": " << helpdesk::kNoRunningHost << '\n';
        return kRuntimeFailure;
    }
    return 0;
}

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::filesystem::path ipc_dir;
    try {
        ipc_dir = helpdesk::default_ipc_dir();
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    return run_status(args, ipc_dir, out, err);
}

}  // namespace ccp_relogin::cli
