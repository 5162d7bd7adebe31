#include "cli/relogin_launch.h"

#include <exception>

#include "base/text.h"
#include "config/loader.h"
#include "federation/sign_in_url.h"

namespace ccp_relogin::cli {
namespace {

constexpr int kRuntimeFailure = 1;

void say_cannot(std::ostream& err, const std::string& why) {
    err << "ccp-relogin relogin: no running host, and cannot launch the browser: " << why << ".\n";
}

}  // namespace

LaunchEnvironment real_launch_environment() {
    return {default_sources_resolver(), platform::browser_search_path(),
            platform::is_executable_file, platform::launch_browser};
}

int launch_sign_in(const LaunchRequest& request, const LaunchEnvironment& env, std::ostream& out,
                   std::ostream& err) {
    const auto loaded = config::load_config(env.resolve_sources(request.config_file), nullptr);
    const config::Profile* profile =
        request.profile ? loaded.config.find_profile(*request.profile)
                        : (loaded.config.profiles.empty() ? nullptr : &loaded.config.profiles[0]);
    if (!profile) {
        say_cannot(err, request.profile
                            ? "no profile named \"" + base::printable_ascii(*request.profile) +
                                  "\" (run \"ccp-relogin check-config\")"
                            : std::string("no profile is configured"));
        return kRuntimeFailure;
    }
    const auto program = platform::browser_program(request.browser, platform::kThisSystem,
                                                   env.path_env, env.is_executable);
    if (!program) {
        say_cannot(err, request.browser
                            ? "--browser " + base::printable_ascii(*request.browser) +
                                  " is neither an installed browser (chrome, chromium, edge, "
                                  "brave) nor the absolute path of an executable"
                            : std::string("no browser found (chrome, chromium, edge, brave); "
                                          "name one with --browser"));
        return kRuntimeFailure;
    }
    try {
        env.launch(*program, federation::sign_in_url(*profile));
    } catch (const std::exception& e) {
        say_cannot(err, e.what());
        return kRuntimeFailure;
    }
    out << "no running host: launched " << program->string() << " at the sign-in of profile "
        << profile->name << '\n';
    return 0;
}

}  // namespace ccp_relogin::cli
