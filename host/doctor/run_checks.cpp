#include "doctor/run_checks.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "doctor/check_browser_cookies.h"
#include "doctor/check_config.h"
#include "doctor/check_development_extension.h"
#include "doctor/check_manifests.h"
#include "doctor/check_sandbox.h"
#include "doctor/check_state.h"
#include "doctor/probe_browser_cookies.h"
#include "doctor/probe_manifests.h"
#include "doctor/probe_sandbox.h"
#include "doctor/probe_state.h"
#include "platform/extension_ids.h"
#include "platform/paths.h"
#include "platform/process_identity.h"
#include "version.h"

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
                                           const fs::path& program, bool trusts_development) {
    ManifestExpectations expect;
    expect.program = program.string();
    if (trusts_development) expect.trusted_ids.emplace_back(platform::kDevelopmentExtensionId);
    for (const auto& id : config.allowedExtensionIds) {
        expect.configured_ids.push_back(id);
        if (std::find(expect.trusted_ids.begin(), expect.trusted_ids.end(), id) ==
            expect.trusted_ids.end())
            expect.trusted_ids.push_back(id);
    }
    expect.user_data_dir = scope.user_data_dir;
    expect.system_needs_root =
        platform::kThisSystem != platform::System::kWindows && !platform::is_administrator();
    return expect;
}

std::vector<CheckResult> manifest_checks(const DoctorScope& scope, const config::Config& config,
                                         bool trusts_development) {
    const auto dirs = platform::home_dirs_from_process();
    const fs::path program = this_program();
    ManifestExpectations expect = manifest_expectations(scope, config, program, trusts_development);
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

// Can the Connect cookie reach each custom CCP's frame in the browsers this
// user runs (docs/facts.md, "Third-party cookies")?
std::vector<CheckResult> browser_cookie_checks(const DoctorScope& scope,
                                               const config::Config& config) {
    std::vector<BrowserCookieFacts> facts;
    for (const auto& target :
         cookie_probe_targets(scope.browsers, platform::home_dirs_from_process(),
                              scope.user_data_dir, platform::kThisSystem))
        facts.push_back(read_browser_cookie_facts(target));
    return evaluate_browser_cookies(facts, cookie_needs(config),
                                    config.detection.fixThirdPartyCookies);
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
                                        const NetworkChecks& network) {
    if (scope.offline)
        return {{"network",
                 Status::kSkip,
                 "--offline: connectivity, clock and signing certificates not checked",
                 "",
                 {}}};
    if (config.profiles.empty())
        return {{"network", Status::kSkip, "no profile, so nothing to reach", "", {}}};
    return network(config);
}

void append(std::vector<CheckResult>& to, std::vector<CheckResult> more) {
    for (auto& r : more) to.push_back(std::move(r));
}

}  // namespace

std::vector<CheckResult> run_checks(const config::ConfigSources& sources,
                                    const config::LoadedConfig& loaded, const DoctorScope& scope,
                                    const base::Clock& clock, const NetworkChecks& network) {
    const auto development =
        config::development_extension_trust(sources, kBuildTrustsDevelopmentExtension);
    std::vector<CheckResult> results{evaluate_config(sources, loaded),
                                     evaluate_development_extension(development)};
    append(results, manifest_checks(scope, loaded.config, development.trusted));
    results.push_back(sandboxed_browsers_check(scope));
    append(results, browser_cookie_checks(scope, loaded.config));
    append(results, state_checks(clock));
    append(results, network_checks(scope, loaded.config, network));
    return results;
}

}  // namespace ccp_relogin::doctor
