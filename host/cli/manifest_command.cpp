#include "cli/manifest_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "cli/options_parser.h"
#include "platform/browsers.h"
#include "platform/manifest_installer.h"
#include "platform/paths.h"

namespace ccp_relogin::cli {
namespace {

using platform::Browser;
using platform::System;

constexpr int kOk = 0;
constexpr int kRuntimeFailure = 1;

struct Request {
    System system = platform::kThisSystem;
    std::string hostPath;
    std::vector<std::string> extensionIds;
    std::vector<Browser> browsers;
    std::optional<std::filesystem::path> root;  // --root
    bool locations = false;                     // --locations
};

Options manifest_options() {
    Options options;
    options.value("system", "linux, macos or windows (default: this one)")
        .value("host-path",
               "the host binary as the target system sees it (default: this binary; on "
               "Windows a file name alone means beside the manifest)")
        .values("extension-id", "an extension allowed to start the host (repeatable; one needed)")
        .values("browser", "with --root or --locations: chrome, chromium, edge, brave")
        .value("root", "write each browser's system-wide manifest under this folder")
        .flag("locations", "print where each browser finds the system-wide manifest (JSON)");
    return options;
}

std::optional<System> parse_system(const std::string& name) {
    for (auto system : {System::kLinux, System::kMacOS, System::kWindows})
        if (platform::to_string(system) == name) return system;
    return std::nullopt;
}

Request parse_request(const OptionValues& values) {
    Request request;
    if (values.has("system")) {
        const auto system = parse_system(values.value("system"));
        if (!system) throw UsageError("--system must be linux, macos or windows");
        request.system = *system;
    }
    request.extensionIds = values.values("extension-id");
    request.locations = values.has("locations");
    if (values.has("host-path"))
        request.hostPath = values.value("host-path");
    else if (request.system == platform::kThisSystem)
        request.hostPath = platform::current_executable().string();
    else if (!request.locations)
        throw UsageError("--host-path is required for another system than this one");
    if (values.has("root")) {
        if (values.value("root").empty()) throw UsageError("--root must not be empty");
        request.root = std::filesystem::path(values.value("root"));
    }
    if (request.root && request.locations)
        throw UsageError("--root and --locations do not go together");
    if (request.root && request.system == System::kWindows)
        throw UsageError(
            "on Windows browsers find the manifest through the registry: use --locations");
    // A package that lets no extension in registers a host nobody can start.
    if (!request.locations && request.extensionIds.empty())
        throw UsageError("give the extension's ID with --extension-id");
    if (request.root || request.locations) {
        request.browsers = parse_browser_list(values.values("browser"));
        if (request.browsers.empty())
            throw UsageError("--browser is required (chrome, chromium, edge, brave)");
    } else if (values.has("browser")) {
        throw UsageError("--browser goes with --root or --locations");
    }
    return request;
}

// System-wide locations need no home directories.
platform::ManifestLocation system_location(Browser browser, System system) {
    platform::HomeDirs dirs;
    dirs.programData = "%ProgramData%";  // Windows: shown as the variable it is
    return platform::manifest_location(browser, platform::Scope::kSystem, system, dirs);
}

// What makes two browsers' locations one: the registry key on Windows (Brave
// reads Chrome's), else the file.
std::string location_key(const platform::ManifestLocation& location) {
    return location.registryKey ? *location.registryKey
                                : platform::manifest_path(location).generic_string();
}

// One entry per location, with every browser it serves.
nlohmann::json locations_json(const Request& request) {
    nlohmann::json entries = nlohmann::json::array();
    std::vector<std::string> keys;
    for (auto browser : request.browsers) {
        const auto location = system_location(browser, request.system);
        const std::string name(platform::to_string(browser));
        const auto key = location_key(location);
        const auto same = std::find(keys.begin(), keys.end(), key);
        if (same != keys.end()) {
            entries[static_cast<std::size_t>(same - keys.begin())]["browsers"].push_back(name);
            continue;
        }
        nlohmann::json entry = {{"browsers", {name}},
                                {"file", platform::manifest_path(location).generic_string()}};
        if (location.registryKey) entry["registryKey"] = *location.registryKey;
        entries.push_back(std::move(entry));
        keys.push_back(key);
    }
    return entries;
}

// Staging files for a package, not state: plain writes, 0644 like install's.
void write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
    using std::filesystem::perms;
    std::filesystem::permissions(
        path, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
}

void write_under_root(const Request& request, const nlohmann::json& manifest, std::ostream& out) {
    for (const auto& entry : locations_json(request)) {
        // The location is absolute on the target system; under the root it
        // becomes relative to it (DIR/etc/opt/chrome/…).
        const auto file =
            *request.root / std::filesystem::path(entry["file"].get<std::string>()).relative_path();
        write_file(file, manifest.dump(2) + "\n");
        std::string browsers;
        for (const auto& b : entry["browsers"])
            browsers += (browsers.empty() ? "" : ", ") + b.get<std::string>();
        out << "wrote " << file.generic_string() << " (" << browsers << ")\n";
    }
}

}  // namespace

int run_manifest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, manifest_options(), "manifest", out, err);
    if (line.exit_code) return *line.exit_code;
    try {
        const auto request = parse_request(line.values);
        if (request.locations) {
            out << locations_json(request).dump(2) << '\n';
            return kOk;
        }
        const auto manifest =
            platform::build_manifest(request.hostPath, request.extensionIds, request.system);
        if (request.root)
            write_under_root(request, manifest, out);
        else
            out << manifest.dump(2) << '\n';
        return kOk;
    } catch (const UsageError& e) {
        err << "ccp-relogin manifest: " << e.what() << ".\n";
        return kExitUsage;
    } catch (const std::invalid_argument& e) {
        err << "ccp-relogin manifest: " << e.what() << ".\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        err << "ccp-relogin manifest: " << e.what() << ".\n";
        return kRuntimeFailure;
    }
}

}  // namespace ccp_relogin::cli
