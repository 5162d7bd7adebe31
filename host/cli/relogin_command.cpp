#include "cli/relogin_command.h"

#include <exception>
#include <nlohmann/json.hpp>

#include "cli/options_parser.h"
#include "helpdesk/running_hosts.h"

namespace ccp_relogin::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;

constexpr const char* kCommand = "relogin";
constexpr int kRuntimeFailure = 1;

po::options_description relogin_options() {
    po::options_description options("ccp-relogin relogin");
    options.add_options()("help,h", "show this help")("profile", po::value<std::string>(),
                                                      "only this profile (default: every profile)")(
        "reason", po::value<std::string>(), "shown to the agent and written to the audit log");
    return options;
}

json relogin_request(const po::variables_map& values) {
    json request = {{"type", "relogin"}};
    if (values.count("profile")) request["profile"] = values["profile"].as<std::string>();
    if (values.count("reason")) request["reason"] = values["reason"].as<std::string>();
    return request;
}

std::string joined(const json& names) {
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + helpdesk::terminal_text(name);
    return text;
}

// One line per host; true if it accepted.
bool report(const helpdesk::HostAnswer& answer, std::ostream& out, std::ostream& err) {
    const json& reply = answer.reply;
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
                std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, relogin_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    const po::variables_map& values = line.values;
    if (values.count("profile") && values["profile"].as<std::string>().empty())
        return report_usage_error(err, kCommand, "--profile must not be empty");

    std::vector<helpdesk::HostAnswer> replied;
    try {
        replied = helpdesk::ask_running_hosts(kCommand, ipc_dir, relogin_request(values), err);
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    if (replied.empty()) {
        err << "ccp-relogin " << kCommand << ": " << helpdesk::kNoRunningHost << '\n';
        return kRuntimeFailure;
    }
    bool accepted = false;
    for (const auto& answer : replied) accepted = report(answer, out, err) || accepted;
    return accepted ? 0 : kRuntimeFailure;
}

int run_relogin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::filesystem::path ipc_dir;
    try {
        ipc_dir = helpdesk::default_ipc_dir();
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    return run_relogin(args, ipc_dir, out, err);
}

}  // namespace ccp_relogin::cli
