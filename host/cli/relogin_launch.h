#pragma once
// `ccp-relogin relogin --launch` when no host is running (the agent's browser
// is closed, or open without the extension's port): start the browser at the
// profile's Entra sign-in URL, built from configuration as the host builds
// it. The agent lands signed in; the extension, started with the browser,
// takes over from there. The browser outlives the command (platform/browser_launch.h).
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "cli/cli_config.h"
#include "platform/browser_launch.h"

namespace ccp_relogin::cli {

struct LaunchRequest {
    std::optional<std::string> profile;  // nullopt: the first configured profile
    std::optional<std::string> browser;  // --browser: a name or an absolute path
    std::optional<std::filesystem::path> config_file;
};

// What launching needs from the system; tests hand in fakes.
struct LaunchEnvironment {
    SourcesResolver resolve_sources;
    std::string path_env;  // platform::browser_search_path(): $PATH on Linux
    platform::IsExecutable is_executable;
    std::function<void(const std::filesystem::path& program, const std::string& url)> launch;
};

LaunchEnvironment real_launch_environment();

// Exit code: 0 launched (one line on `out`), 1 when it can't (a line on `err`).
int launch_sign_in(const LaunchRequest& request, const LaunchEnvironment& env, std::ostream& out,
                   std::ostream& err);

}  // namespace ccp_relogin::cli
