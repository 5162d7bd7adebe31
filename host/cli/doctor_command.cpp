#include "cli/doctor_command.h"

#include <optional>

#include "cli/options_parser.h"
#include "doctor/report.h"
#include "doctor/run_checks.h"
#include "platform/child_process.h"

namespace ccp_relogin::cli {
namespace {

namespace po = boost::program_options;
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

po::options_description doctor_options() {
    po::options_description options("ccp-relogin doctor");
    options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                      "read this configuration file")(
        "json", "print the results as one JSON array")(
        "offline", "skip the network, clock and certificate checks")(
        "browser", po::value<std::vector<std::string>>()->composing(),
        "check only these browsers' manifests: chrome, chromium, edge, brave")(
        "scope", po::value<std::string>(), "check only user or system manifests")(
        "user-data-dir", po::value<std::string>(),
        "the browser runs with --user-data-dir D: look in D/NativeMessagingHosts/");
    return options;
}

DoctorArgs parse_doctor_args(const po::variables_map& values) {
    DoctorArgs args;
    if (values.count("config")) args.config_file = values["config"].as<std::string>();
    args.json = values.count("json") > 0;
    args.scope.offline = values.count("offline") > 0;
    if (values.count("browser"))
        args.scope.browsers = parse_browser_list(values["browser"].as<std::vector<std::string>>());
    if (values.count("scope")) {
        const auto scope = platform::parse_scope(values["scope"].as<std::string>());
        if (!scope) throw UsageError("--scope must be user or system");
        args.scope.scopes = {*scope};
    }
    if (values.count("user-data-dir")) {
        const auto& dir = values["user-data-dir"].as<std::string>();
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
