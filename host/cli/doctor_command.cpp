#include "cli/doctor_command.h"

#include <optional>

#include "cli/options_parser.h"
#include "doctor/report.h"
#include "doctor/run_checks.h"
#include "platform/child_process.h"

namespace ccp_relogin::cli {
namespace {

namespace fs = std::filesystem;
using doctor::exit_code;
using doctor::format_report;
using doctor::to_json;

constexpr const char* kCommand = "doctor";

struct DoctorArgs {
    std::optional<fs::path> config_file;
    bool json = false;
    doctor::DoctorScope scope;
};

Options doctor_options() {
    Options options;
    options.value("config", "read this configuration file")
        .flag("json", "print the results as one JSON array")
        .flag("offline", "skip the network, clock and certificate checks")
        .values("browser", "check only these browsers' manifests: chrome, chromium, edge, brave")
        .value("scope", "check only user or system manifests")
        .value("user-data-dir",
               "the browser runs with --user-data-dir D: look in D/NativeMessagingHosts/");
    return options;
}

DoctorArgs parse_doctor_args(const OptionValues& values) {
    DoctorArgs args;
    if (values.has("config")) args.config_file = values.value("config");
    args.json = values.has("json");
    args.scope.offline = values.has("offline");
    if (values.has("browser")) args.scope.browsers = parse_browser_list(values.values("browser"));
    if (values.has("scope")) {
        const auto scope = platform::parse_scope(values.value("scope"));
        if (!scope) throw UsageError("--scope must be user or system");
        args.scope.scopes = {*scope};
    }
    if (values.has("user-data-dir")) {
        const auto& dir = values.value("user-data-dir");
        if (dir.empty()) throw UsageError("--user-data-dir must not be empty");
        args.scope.user_data_dir = fs::absolute(dir);
    }
    return args;
}

}  // namespace

int run_doctor(const std::vector<std::string>& args, const DoctorContext& context,
               std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, doctor_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    DoctorArgs parsed;
    try {
        parsed = parse_doctor_args(line.values);
    } catch (const UsageError& e) {
        return report_usage_error(err, kCommand, e.what());
    }
    const auto sources = context.resolve_sources(parsed.config_file);
    const auto loaded = config::load_config(sources, nullptr);

    const doctor::NetworkChecks network =
        context.network
            ? context.network
            : doctor::network_checks_in_helper(platform::helper_program(doctor::kNetworkProgram),
                                               parsed.config_file);
    const auto results = doctor::run_checks(sources, loaded, parsed.scope, *context.clock, network);

    if (parsed.json)
        out << to_json(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    else
        out << format_report(results);
    return exit_code(results);
}

int run_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_doctor(args, DoctorContext{}, out, err);
}

}  // namespace ccp_relogin::cli
