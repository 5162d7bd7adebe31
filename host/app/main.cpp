// Chooses between host mode (the browser started us with the caller origin as
// the first argument) and a CLI subcommand (cli/commands.h). Nothing else
// lives here.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/host_mode.h"
#include "cli/commands.h"

namespace {

constexpr int kExitUsage = 2;

// The browser passes the caller origin, "chrome-extension://<id>/" (other
// browsers their own scheme). Anything URL-shaped goes to host mode, whose
// origin check then answers precisely instead of "unknown command".
bool looks_like_origin(std::string_view arg) { return arg.find("://") != std::string_view::npos; }

int run_command(std::string_view name, const std::vector<std::string>& args) {
    namespace cli = ccp_relogin::cli;
    if (const cli::Command* command = cli::find_command(name))
        return command->run(args, std::cout, std::cerr);
    if (name == "help" || name == "--help" || name == "-h") {
        std::cout << cli::usage_text();
        return 0;
    }
    std::cerr << "ccp-relogin: unknown command `" << name << "`.\n\n" << cli::usage_text();
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << ccp_relogin::cli::usage_text();
        return kExitUsage;
    }
    const std::string_view first = argv[1];
    // On Windows the browser adds --parent-window=<HWND>; host mode needs nothing else.
    if (looks_like_origin(first)) return ccp_relogin::app::run_host_mode(first, std::cerr);
    return run_command(first, std::vector<std::string>(argv + 2, argv + argc));
}
