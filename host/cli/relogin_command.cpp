#include "cli/relogin_command.h"

#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>

#include "cli/options_parser.h"
#include "cli/relogin_launch.h"
#include "config/validate.h"
#include "helpdesk/running_hosts.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::cli {
namespace {

using nlohmann::json;

constexpr const char* kCommand = "relogin";
constexpr int kRuntimeFailure = 1;

// relogin --wait: the host answers within relogin.timeoutSeconds (at most
// config::limits::kMaxTimeoutSeconds) plus its grace; a little more here, so
// the host's own timeout answer is the one that arrives.
constexpr std::chrono::milliseconds kWaitTimeout =
    std::chrono::seconds(config::limits::kMaxTimeoutSeconds) + helpdesk::kForcedReloginGrace +
    std::chrono::seconds(10);

Options relogin_options() {
    Options options;
    options.value("profile", "only this profile (default: every profile)")
        .value("reason", "shown to the agent and written to the audit log")
        .flag("wait", "wait until each re-login landed or stopped; exit 0 only if all landed")
        .flag("launch",
              "when no host is running, start the browser at the profile's sign-in (default: the "
              "first profile)")
        .value("browser",
               "with --launch: chrome, chromium, edge, brave or the absolute path of a program "
               "(default: the first installed browser)")
        .value("config", "with --launch: read this configuration file");
    return options;
}

json relogin_request(const OptionValues& values) {
    json request = {{"type", "relogin"}};
    if (values.has("profile")) request["profile"] = values.value("profile");
    if (values.has("reason")) request["reason"] = values.value("reason");
    if (values.has("wait")) request["wait"] = true;
    return request;
}

LaunchRequest launch_request(const OptionValues& values) {
    LaunchRequest request;
    if (values.has("profile")) request.profile = values.value("profile");
    if (values.has("browser")) request.browser = values.value("browser");
    if (values.has("config")) request.config_file = values.value("config");
    return request;
}

std::string joined(const json& names) {
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + helpdesk::terminal_text(name);
    return text;
}

// relogin --wait: one line per profile, "pid 1234: landed agents-us" or
// "pid 1234: stopped agents-us (attempts-exhausted)".
void report_outcome(long pid, const json& outcome, std::ostream& out) {
    for (const auto& name : outcome.value("landed", json::array()))
        out << "pid " << pid << ": landed " << helpdesk::terminal_text(name) << '\n';
    for (const auto& stop : outcome.value("stopped", json::array()))
        out << "pid " << pid << ": stopped "
            << helpdesk::terminal_text(stop.value("profile", json())) << " ("
            << helpdesk::terminal_text(stop.value("reason", json())) << ")\n";
}

// One line per host; true if it accepted (with --wait: if every re-login landed).
bool report(const helpdesk::HostAnswer& answer, std::ostream& out, std::ostream& err) {
    const json& reply = answer.reply;
    if (reply.contains("outcome")) {
        report_outcome(answer.pid, reply["outcome"], out);
        return reply.value("ok", false);
    }
    if (reply.value("ok", false)) {
        out << "pid " << answer.pid << ": pushed " << joined(reply.value("pushed", json::array()))
            << '\n';
        return true;
    }
    err << "ccp-relogin " << kCommand << ": pid " << answer.pid << ": "
        << helpdesk::terminal_text(reply.value("message", json("the host refused the request")))
        << ".\n";
    return false;
}

}  // namespace

int run_relogin(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
                const LaunchEnvironment& environment, std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, relogin_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    const OptionValues& values = line.values;
    if (values.has("profile") && values.value("profile").empty())
        return report_usage_error(err, kCommand, "--profile must not be empty");

    const bool launch = values.has("launch");
    if (!launch && (values.has("browser") || values.has("config")))
        return report_usage_error(err, kCommand, "--browser and --config go with --launch");

    std::vector<helpdesk::HostAnswer> replied;
    try {
        replied = helpdesk::ask_running_hosts(
            kCommand, ipc_dir, relogin_request(values), err,
            values.has("wait") ? kWaitTimeout : helpdesk::kClientTimeout);
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        if (!launch) return kRuntimeFailure;
    }
    if (replied.empty()) {
        if (launch) return launch_sign_in(launch_request(values), environment, out, err);
        err << "ccp-relogin " << kCommand << ": " << helpdesk::kNoRunningHost << '\n';
        return kRuntimeFailure;
    }
    // Without --wait one host that took it is enough; with it, every
    // re-login asked for must have landed.
    const bool every = values.has("wait");
    bool any = false;
    bool all = true;
    for (const auto& answer : replied) {
        const bool ok = report(answer, out, err);
        any = any || ok;
        all = all && ok;
    }
    return (every ? all : any) ? 0 : kRuntimeFailure;
}

int run_relogin(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
                std::ostream& out, std::ostream& err) {
    return run_relogin(args, ipc_dir, real_launch_environment(), out, err);
}

int run_relogin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::filesystem::path ipc_dir;
    try {
        ipc_dir = helpdesk::default_ipc_dir();
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    return run_relogin(args, ipc_dir, real_launch_environment(), out, err);
}

}  // namespace ccp_relogin::cli
