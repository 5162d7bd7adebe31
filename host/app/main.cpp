// Chooses between host mode (the browser started us with the caller origin as
// the first argument) and a CLI subcommand. Nothing else lives here.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/host_mode.h"
#include "cli/check_config_command.h"
#include "cli/doctor_command.h"
#include "cli/install_command.h"
#include "cli/relay_state_command.h"
#include "cli/relogin_command.h"
#include "cli/status_command.h"
#include "cli/url_command.h"
#include "cli/version_command.h"

namespace {

constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: ccp-relogin <command> [options]\n"
    "\n"
    "  url --profile P [--config F]         print the Entra sign-in URL of profile P\n"
    "  relay-state --profile P [--config F] print the AWS relay state URL of profile P\n"
    "  check-config [--config F]            validate the configuration\n"
    "  install --browser B[,B...] --scope user|system [--user-data-dir D] [--extension-id ID]...\n"
    "                                       register the native messaging host\n"
    "  uninstall --browser B[,B...] --scope user|system [--user-data-dir D]\n"
    "                                       remove that registration\n"
    "  relogin [--profile P] [--reason TEXT] helpdesk: make the running host(s) sign the agent\n"
    "                                       in again (every profile without --profile)\n"
    "  status [--json]                      helpdesk: the running host(s) and each profile's\n"
    "                                       loop protection state\n"
    "  doctor [--config F] [--offline] [--json] [--browser B[,B...]] [--scope user|system]\n"
    "         [--user-data-dir D]           check config, manifests, state, network, clock and\n"
    "                                       the Entra signing certificate; say what to fix\n"
    "  version                              version, build and library versions\n"
    "\n"
    "Started by a browser with an extension origin (chrome-extension://<id>/) as the\n"
    "first argument, ccp-relogin runs as the extension's native messaging host.\n";

// The browser passes the caller origin, "chrome-extension://<id>/" (other
// browsers their own scheme). Anything URL-shaped goes to host mode, whose
// origin check then answers precisely instead of "unknown command".
bool looks_like_origin(std::string_view arg) { return arg.find("://") != std::string_view::npos; }

int run_command(std::string_view command, const std::vector<std::string>& args) {
    namespace cli = ccp_relogin::cli;
    if (command == "version") return cli::run_version(std::cout);
    if (command == "url") return cli::run_url(args, std::cout, std::cerr);
    if (command == "relay-state") return cli::run_relay_state(args, std::cout, std::cerr);
    if (command == "check-config") return cli::run_check_config(args, std::cout, std::cerr);
    if (command == "install") return cli::run_install(args, std::cout, std::cerr);
    if (command == "uninstall") return cli::run_uninstall(args, std::cout, std::cerr);
    if (command == "relogin") return cli::run_relogin(args, std::cout, std::cerr);
    if (command == "status") return cli::run_status(args, std::cout, std::cerr);
    if (command == "doctor") return cli::run_doctor(args, std::cout, std::cerr);
    if (command == "help" || command == "--help" || command == "-h") {
        std::cout << kUsage;
        return 0;
    }
    std::cerr << "ccp-relogin: unknown command `" << command << "`.\n\n" << kUsage;
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    const std::string_view first = argv[1];
    // On Windows the browser adds --parent-window=<HWND>; host mode needs nothing else.
    if (looks_like_origin(first)) return ccp_relogin::app::run_host_mode(first, std::cerr);
    return run_command(first, std::vector<std::string>(argv + 2, argv + argc));
}
