#include "cli/install_command.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "base/extension_id.h"
#include "cli/options_parser.h"
#include "config/development_trust.h"
#include "platform/browsers.h"
#include "platform/extension_ids.h"
#include "platform/manifest_installer.h"
#include "platform/paths.h"
#include "version.h"

namespace ccp_relogin::cli {
namespace {

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
    bool trustDevelopment = false;  // --trust-development-extension
};

const char* command_name(Action action) {
    return action == Action::kInstall ? "install" : "uninstall";
}

Options options_for(Action action) {
    Options options;
    options.values("browser", "chrome, chromium, edge, brave (comma-separated or repeated)")
        .value_with_default("scope", "user", "user or system")
        .value("user-data-dir",
               "the browser runs with --user-data-dir D: write to D/NativeMessagingHosts/");
    if (action == Action::kInstall)
        options.values("extension-id", "also allow this extension ID (repeatable)")
            .flag("trust-development-extension",
                  "also allow the unpacked development extension, whose key is public (for "
                  "development machines only)");
    return options;
}

std::vector<Browser> parse_browsers(const std::vector<std::string>& values) {
    auto browsers = parse_browser_list(values);
    if (browsers.empty()) throw UsageError("--browser is required (chrome, chromium, edge, brave)");
    return browsers;
}

Request parse_request(const OptionValues& values) {
    Request request;
    request.browsers = parse_browsers(values.values("browser"));
    const auto scope = platform::parse_scope(values.value("scope"));
    if (!scope) throw UsageError("--scope must be user or system");
    request.scope = *scope;
    if (values.has("user-data-dir")) {
        const auto& dir = values.value("user-data-dir");
        if (dir.empty()) throw UsageError("--user-data-dir must not be empty");
        request.userDataDir = std::filesystem::absolute(dir);
    }
    if (values.has("extension-id")) {
        request.extensionIds = values.values("extension-id");
        for (const auto& id : request.extensionIds)
            if (!base::is_extension_id(id))
                throw UsageError("\"" + id + "\" is not an extension ID (32 letters a to p)");
    }
    request.trustDevelopment = values.has("trust-development-extension");
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

// The marker that makes a release host trust the development extension
// (config/development_trust.h): written by install --trust-development-extension,
// removed by uninstall, both for the scope's configuration directory.
std::filesystem::path development_marker(Scope scope) {
    const auto marker =
        config::development_trust_marker(config::default_config_sources(std::nullopt), scope);
    if (marker.empty())
        throw std::runtime_error("cannot tell where the " +
                                 std::string(platform::to_string(scope)) +
                                 " configuration lives (set HOME)");
    return marker;
}

void write_development_marker(Scope scope, std::ostream& out) {
    const auto marker = development_marker(scope);
    std::filesystem::create_directories(marker.parent_path());
    std::ofstream file(marker, std::ios::trunc);
    file << "Written by `ccp-relogin install --trust-development-extension`: this host accepts\n"
            "the unpacked development extension "
         << platform::kDevelopmentExtensionId
         << ", whose key is public.\n"
            "Remove this file (or run `ccp-relogin uninstall`) to stop.\n";
    if (!file.flush()) throw std::runtime_error("cannot write " + marker.string());
    out << "wrote " << marker.string() << " (trust the development extension)\n";
}

void remove_development_marker(Scope scope, std::ostream& out) {
    const auto marker = development_marker(scope);
    std::error_code ec;
    if (std::filesystem::remove(marker, ec))
        out << "removed " << marker.string() << " (trust the development extension)\n";
    else if (ec)
        throw std::runtime_error("cannot remove " + marker.string() + ": " + ec.message());
}

// The manifest lets the development extension in exactly where the host
// will accept it, so the browser and the host agree.
std::vector<std::string> allowed_ids(const Request& request) {
    const bool trusted =
        request.trustDevelopment ||
        config::development_extension_trust(config::default_config_sources(std::nullopt),
                                            kBuildTrustsDevelopmentExtension)
            .trusted;
    std::vector<std::string> ids;
    if (trusted) ids.emplace_back(platform::kDevelopmentExtensionId);
    ids.insert(ids.end(), request.extensionIds.begin(), request.extensionIds.end());
    return ids;
}

void report(std::ostream& out, std::string_view verb, const Target& target) {
    out << verb << ' ' << platform::manifest_path(target.location).string() << " ("
        << target.browsers << ")\n";
#ifdef _WIN32
    if (target.location.registryKey)
        out << verb << " registry " << *target.location.registryKey << '\n';
#endif
}

// install --trust-development-extension writes the marker, uninstall removes
// it; plain install leaves it as it is. False (after one sentence) on failure.
bool update_development_marker(Action action, Scope scope, bool trust_development,
                               std::ostream& out, std::ostream& err) {
    try {
        if (action == Action::kUninstall) remove_development_marker(scope, out);
        if (action == Action::kInstall && trust_development) write_development_marker(scope, out);
        return true;
    } catch (const std::exception& e) {
        err << "ccp-relogin " << command_name(action) << ": " << e.what() << ".\n";
        return false;
    }
}

int run(Action action, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const char* command = command_name(action);
    std::vector<Target> targets;
    platform::Scope scope{};
    nlohmann::json manifest;
    bool trust_development = false;
    const auto line = parse_command_line(args, options_for(action), command, out, err);
    if (line.exit_code) return *line.exit_code;
    try {
        const auto request = parse_request(line.values);
        targets = targets_for(request);
        scope = request.scope;
        trust_development = request.trustDevelopment;
        if (action == Action::kInstall)
            manifest =
                platform::build_manifest(platform::current_executable(), allowed_ids(request));
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
    // No trust granted without a manifest written; trust always taken back.
    if (action == Action::kInstall && status != kOk) return status;
    return update_development_marker(action, scope, trust_development, out, err) ? status
                                                                                 : kRuntimeFailure;
}

}  // namespace

int run_install(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run(Action::kInstall, args, out, err);
}

int run_uninstall(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run(Action::kUninstall, args, out, err);
}

}  // namespace ccp_relogin::cli
