#include "cli/commands.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "cli/check_config_command.h"
#include "cli/doctor_command.h"
#include "cli/install_command.h"
#include "cli/log_command.h"
#include "cli/manifest_command.h"
#include "cli/policy_command.h"
#include "cli/relay_state_command.h"
#include "cli/relogin_command.h"
#include "cli/status_command.h"
#include "cli/url_command.h"
#include "cli/version_command.h"

namespace ccp_relogin::cli {
namespace {

using Args = std::vector<std::string>;

constexpr std::array kCommands{
    Command{"url", "--profile P [--config F]", "print the Entra sign-in URL of profile P",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_url(a, o, e); }},
    Command{
        "relay-state", "--profile P [--config F]",
        "print the AWS relay state URL of profile P (Global Resiliency: its sign-in endpoint)",
        [](const Args& a, std::ostream& o, std::ostream& e) { return run_relay_state(a, o, e); }},
    Command{
        "check-config", "[--config F]", "validate the configuration",
        [](const Args& a, std::ostream& o, std::ostream& e) { return run_check_config(a, o, e); }},
    Command{"install",
            "--browser B[,B...] --scope user|system [--user-data-dir D] [--extension-id ID]... "
            "[--trust-development-extension]",
            "register the native messaging host",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_install(a, o, e); }},
    Command{"uninstall", "--browser B[,B...] --scope user|system [--user-data-dir D]",
            "remove that registration",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_uninstall(a, o, e); }},
    Command{"manifest",
            "[--system S] [--host-path P] --extension-id ID... [--root DIR --browser B[,B...]] "
            "[--locations --browser B[,B...]]",
            "packaging: print the host manifest, or write the system-wide ones under DIR",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_manifest(a, o, e); }},
    Command{"policy",
            "--format chrome-linux|edge-linux|reg|admx|mobileconfig [--config F] "
            "--extension-id ID [--update-url URL] [--out DIR]",
            "rollout: print the browser policies (force-install, cookies, native host, the "
            "extension's configuration); admx: write them under DIR",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_policy(a, o, e); }},
    Command{"relogin",
            "[--profile P] [--reason TEXT] [--wait] [--launch [--browser B] [--config F]]",
            "helpdesk: make the running host(s) sign the agent in again (every profile "
            "without --profile)",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_relogin(a, o, e); }},
    Command{"status", "[--json]",
            "helpdesk: the running host(s) and each profile's loop protection state",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_status(a, o, e); }},
    Command{"log", "[--since T] [--json] [--verify]",
            "helpdesk: the audit log, readable or as JSON; --verify checks its hash chain",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_log(a, o, e); }},
    Command{"doctor",
            "[--config F] [--offline] [--json] [--browser B[,B...]] [--scope user|system] "
            "[--user-data-dir D]",
            "check config, manifests, state, network, clock and the Entra signing "
            "certificate; say what to fix",
            [](const Args& a, std::ostream& o, std::ostream& e) { return run_doctor(a, o, e); }},
    Command{"version", "", "version, build and library versions",
            [](const Args&, std::ostream& o, std::ostream&) { return run_version(o); }},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command* find_command(std::string_view name) {
    const auto it = std::find_if(kCommands.begin(), kCommands.end(),
                                 [&](const Command& c) { return c.name == name; });
    return it == kCommands.end() ? nullptr : &*it;
}

std::string usage_line(std::string_view name) {
    const Command* command = find_command(name);
    if (command == nullptr) throw std::logic_error("not a command: " + std::string(name));
    std::string line = "ccp-relogin " + std::string(command->name);
    if (!command->synopsis.empty()) line += " " + std::string(command->synopsis);
    return line;
}

std::string usage_text() {
    std::string text = "usage: ccp-relogin <command> [options]\n\n";
    for (const Command& command : kCommands) {
        text += "  " + std::string(command.name);
        if (!command.synopsis.empty()) text += " " + std::string(command.synopsis);
        text += "\n      " + std::string(command.summary) + "\n";
    }
    text +=
        "\nStarted by a browser with an extension origin (chrome-extension://<id>/) as the\n"
        "first argument, ccp-relogin runs as the extension's native messaging host.\n";
    return text;
}

}  // namespace ccp_relogin::cli
