#pragma once
// Every check doctor makes, in the order it prints them: the configuration,
// whether the development extension is trusted, one line per manifest
// location and "manifests", "sandboxed browsers", one
// "cookies <browser>" line per browser with a profile or policy file (the
// third-party-cookie setting for the custom CCPs), the
// state directory, guard state and helpdesk socket, then (unless offline)
// the network, clock and signing certificates. Here the probe_* functions
// gather the facts and the check_* functions judge them; cli/doctor_command
// only reads the command line and prints.
#include <filesystem>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "config/loader.h"
#include "doctor/check_result.h"
#include "doctor/network_helper.h"
#include "platform/browsers.h"

namespace ccp_relogin::doctor {

// What the helpdesk asked to look at (--browser, --scope, --user-data-dir,
// --offline).
struct DoctorScope {
    std::vector<platform::Browser> browsers{std::begin(platform::kAllBrowsers),
                                            std::end(platform::kAllBrowsers)};
    std::vector<platform::Scope> scopes{platform::Scope::kUser, platform::Scope::kSystem};
    std::optional<std::filesystem::path> user_data_dir;
    bool offline = false;
};

std::vector<CheckResult> run_checks(const config::ConfigSources& sources,
                                    const config::LoadedConfig& loaded, const DoctorScope& scope,
                                    const base::Clock& clock, const NetworkChecks& network);

}  // namespace ccp_relogin::doctor
