#include "cli/install_command.h"

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "base/extension_id.h"
#include "cli/commands.h"
#include "cli/options_parser.h"
#include "platform/browsers.h"
#include "platform/manifest_installer.h"
#include "platform/paths.h"

namespace ccp_relogin::cli {
namespace {

namespace po = boost::program_options;
using platform::Browser;
using platform::Scope;

constexpr int kOk = 0;
constexpr int kRuntimeFailure = 1;

enum class Action { kInstall, kUninstall };

struct Request {
    std::vector<Browser> browsers;
    Scope scope = Scope::kUser;
    std::optional<std::filesystem::path> userDataDir;
    std::vector<std::string> extensionIds;
};

const char* command_name(Action action) {
    return action == Action::kInstall ? "install" : "uninstall";
}

po::options_description options_for(Action action) {
    po::options_description desc("ccp-relogin " + std::string(command_name(action)));
    desc.add_options()("help,h", "show this help")(
        "browser", po::value<std::vector<std::string>>()->composing(),
        "chrome, chromium, edge, brave (comma-separated or repeated)")(
        "scope", po::value<std::string>()->default_value("user"), "user or system")(
        "user-data-dir", po::value<std::string>(),
        "the browser runs with --user-data-dir D: write to D/NativeMessagingHosts/");
    if (action == Action::kInstall)
        desc.add_options()("extension-id", po::value<std::vector<std::string>>()->composing(),
                           "also allow this extension ID (repeatable)");
    return desc;
}

std::vector<Browser> parse_browsers(const std::vector<std::string>& values) {
    auto browsers = parse_browser_list(values);
    if (browsers.empty()) throw UsageError("--browser is required (chrome, chromium, edge, brave)");
    return browsers;
}

Request parse_request(Action action, const std::vector<std::string>& args, bool& help,
                      std::ostream& out) {
    const auto desc = options_for(action);
    const po::variables_map vm = parse_options(args, desc);
    help = vm.count("help") > 0;
    if (help) {
        out << "usage: " << usage_line(command_name(action)) << "\n" << desc;
        return {};
    }
    Request request;
    request.browsers =
        parse_browsers(vm.count("browser") ? vm["browser"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{});
    const auto scope = platform::parse_scope(vm["scope"].as<std::string>());
    if (!scope) throw UsageError("--scope must be user or system");
    request.scope = *scope;
    if (vm.count("user-data-dir")) {
        const auto& dir = vm["user-data-dir"].as<std::string>();
        if (dir.empty()) throw UsageError("--user-data-dir must not be empty");
        request.userDataDir = std::filesystem::absolute(dir);
    }
    if (vm.count("extension-id")) {
        request.extensionIds = vm["extension-id"].as<std::vector<std::string>>();
        for (const auto& id : request.extensionIds)
            if (!base::is_extension_id(id))
                throw UsageError("\"" + id + "\" is not an extension ID (32 letters a to p)");
    }
    return request;
}

// Browsers that share a location (Brave reads Chrome's system folder) are
// written once: manifest path → the browsers it serves.
struct Target {
    platform::ManifestLocation location;
    std::string browsers;
};

std::vector<Target> targets_for(const Request& request) {
    const auto dirs = platform::home_dirs_from_process();
    std::vector<Target> targets;
    for (auto browser : request.browsers) {
        platform::ManifestLocation location;
        try {
            location = platform::manifest_location(browser, request.scope, platform::kThisSystem,
                                                   dirs, request.userDataDir);
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
        auto same = std::find_if(targets.begin(), targets.end(), [&](const Target& t) {
            return platform::manifest_path(t.location) == platform::manifest_path(location);
        });
        if (same != targets.end())
            same->browsers += ", " + std::string(platform::to_string(browser));
        else
            targets.push_back({location, std::string(platform::to_string(browser))});
    }
    return targets;
}

void report(std::ostream& out, std::string_view verb, const Target& target) {
    out << verb << ' ' << platform::manifest_path(target.location).string() << " ("
        << target.browsers << ")\n";
#ifdef _WIN32
    if (target.location.registryKey)
        out << verb << " registry " << *target.location.registryKey << '\n';
#endif
}

int run(Action action, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const char* command = command_name(action);
    std::vector<Target> targets;
    platform::Scope scope{};
    nlohmann::json manifest;
    try {
        bool help = false;
        const auto request = parse_request(action, args, help, out);
        if (help) return kOk;
        targets = targets_for(request);
        scope = request.scope;
        if (action == Action::kInstall)
            manifest =
                platform::build_manifest(platform::current_executable(), request.extensionIds);
    } catch (const UsageError& e) {
        err << "ccp-relogin " << command << ": " << e.what() << ".\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        err << "ccp-relogin " << command << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    // Each location on its own: one that fails doesn't stop the others.
    int status = kOk;
    for (const auto& target : targets) {
        try {
            if (action == Action::kInstall) {
                const auto outcome = platform::install_manifest(target.location, scope, manifest);
                report(out, outcome == platform::InstallOutcome::kWritten ? "wrote" : "unchanged",
                       target);
            } else {
                const auto outcome = platform::uninstall_manifest(target.location, scope);
                report(out, outcome == platform::UninstallOutcome::kRemoved ? "removed" : "absent",
                       target);
            }
        } catch (const std::exception& e) {
            err << "ccp-relogin " << command << ": " << e.what() << ".\n";
            status = kRuntimeFailure;
        }
    }
    return status;
}

}  // namespace

int run_install(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run(Action::kInstall, args, out, err);
}

int run_uninstall(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run(Action::kUninstall, args, out, err);
}

}  // namespace ccp_relogin::cli
