#include "doctor/run_checks.h"

#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "doctor/check_config.h"
#include "doctor/check_manifests.h"
#include "doctor/check_sandbox.h"
#include "doctor/check_state.h"
#include "doctor/probe_manifests.h"
#include "doctor/probe_sandbox.h"
#include "doctor/probe_state.h"
#include "platform/extension_ids.h"
#include "platform/paths.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;

fs::path this_program() {
    try {
        return platform::current_executable();
    } catch (const std::exception&) {
        return "ccp-relogin";
    }
}

ManifestExpectations manifest_expectations(const DoctorScope& scope, const config::Config& config,
                                           const fs::path& program) {
    ManifestExpectations expect;
    expect.program = program.string();
    for (auto id : platform::kBuiltInExtensionIds) expect.trusted_ids.emplace_back(id);
    for (const auto& id : config.allowedExtensionIds) {
        expect.configured_ids.push_back(id);
        if (std::find(expect.trusted_ids.begin(), expect.trusted_ids.end(), id) ==
            expect.trusted_ids.end())
            expect.trusted_ids.push_back(id);
    }
    expect.user_data_dir = scope.user_data_dir;
    expect.system_needs_root =
        platform::kThisSystem != platform::System::kWindows && ::geteuid() != 0;
    return expect;
}

std::vector<CheckResult> manifest_checks(const DoctorScope& scope, const config::Config& config) {
    const auto dirs = platform::home_dirs_from_process();
    const fs::path program = this_program();
    ManifestExpectations expect = manifest_expectations(scope, config, program);
    std::vector<ManifestFile> files;
    try {
        files = read_manifest_files(scope.browsers, scope.scopes, dirs, scope.user_data_dir);
        expect.used_browsers = used_browsers(scope.browsers, dirs, scope.user_data_dir);
    } catch (const std::invalid_argument& e) {
        return {{"manifests",
                 Status::kFail,
                 std::string("cannot find the manifests: ") + e.what(),
                 "set HOME (and XDG_CONFIG_HOME if used), as the browser sees them",
                 {}}};
    }
    return evaluate_manifests(files, expect,
                              [&](const fs::path& path) { return inspect_binary(path, program); });
}

// Linux only: elsewhere there are no Flatpak or Snap browsers to look for.
CheckResult sandboxed_browsers_check(const DoctorScope& scope) {
    std::vector<SandboxedBrowser> found;
    if (platform::kThisSystem == platform::System::kLinux)
        found = find_sandboxed_browsers(scope.browsers, sandbox_roots_from_process());
    return evaluate_sandboxed_browsers(found, platform::kThisSystem);
}

std::vector<CheckResult> state_checks(const base::Clock& clock) {
    const auto dir = probe_state_dir();
    std::vector<CheckResult> results{evaluate_state_dir(dir)};
    if (dir.dir.empty()) return results;
    results.push_back(evaluate_guard_file(read_guard_file(dir.dir), clock.now_ms()));
    results.push_back(evaluate_helpdesk(probe_helpdesk(dir.dir)));
    return results;
}

std::vector<CheckResult> network_checks(const DoctorScope& scope, const config::Config& config,
                                        const NetworkProbe& network) {
    if (scope.offline)
        return {{"network",
                 Status::kSkip,
                 "--offline: connectivity, clock and signing certificates not checked",
                 "",
                 {}}};
    if (config.profiles.empty())
        return {{"network", Status::kSkip, "no profile, so nothing to reach", "", {}}};
    return probe_network(config, network);
}

void append(std::vector<CheckResult>& to, std::vector<CheckResult> more) {
    for (auto& r : more) to.push_back(std::move(r));
}

}  // namespace

std::vector<CheckResult> run_checks(const config::ConfigSources& sources,
                                    const config::LoadedConfig& loaded, const DoctorScope& scope,
                                    const NetworkProbe& network) {
    std::vector<CheckResult> results{evaluate_config(sources, loaded)};
    append(results, manifest_checks(scope, loaded.config));
    results.push_back(sandboxed_browsers_check(scope));
    append(results, state_checks(*network.clock));
    append(results, network_checks(scope, loaded.config, network));
    return results;
}

}  // namespace ccp_relogin::doctor
