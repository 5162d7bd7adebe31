#include "cli/cli_config.h"

#include "base/text.h"
#include "cli/options_parser.h"
#include "config/layers.h"

namespace ccp_relogin::cli {
namespace {

struct ProfileArgs {
    std::string profile;
    std::optional<std::filesystem::path> config_file;
};

// nullopt when the command line is answered already (--help, or a usage
// error on `err`), with `exit_code` set.
std::optional<ProfileArgs> parse_profile_args(std::string_view command,
                                              const std::vector<std::string>& args,
                                              std::ostream& out, std::ostream& err,
                                              int& exit_code) {
    Options options;
    options.value("profile", "the profile's name").value("config", "read this configuration file");
    const auto line = parse_command_line(args, options, command, out, err);
    if (line.exit_code) {
        exit_code = *line.exit_code;
        return std::nullopt;
    }
    const auto& values = line.values;
    if (!values.has("profile")) {
        exit_code = report_usage_error(err, command, "--profile is required");
        return std::nullopt;
    }
    ProfileArgs parsed{values.value("profile"), std::nullopt};
    if (values.has("config")) parsed.config_file = values.value("config");
    return parsed;
}

std::string profile_names(const config::Config& config) {
    std::string names;
    for (const auto& p : config.profiles) names += (names.empty() ? "" : ", ") + p.name;
    return names;
}

// The most useful explanation first: a file that can't be used, no
// configuration at all, problems that may have removed the profile, a typo.
std::string why_no_profile(const std::string& name, const config::ConfigSources& sources,
                           const config::LoadedConfig& loaded) {
    for (const auto& problem : loaded.problems)
        if (problem.path.empty()) return "cannot use " + problem.source + ": " + problem.reason;
    if (loaded.sources.empty()) {
        std::string looked;
        for (const auto& file : {sources.user_file, sources.machine_file})
            if (!file.empty()) looked += (looked.empty() ? "" : " and ") + file.string();
        return "no configuration found (looked for " + looked +
               "); pass --config F or set CCP_RELOGIN_CONFIG";
    }
    const std::string quoted = "\"" + base::printable_ascii(name) + "\"";
    if (!loaded.problems.empty())
        return "no valid profile named " + quoted + "; the configuration has " +
               std::to_string(loaded.problems.size()) +
               " problem(s), run \"ccp-relogin check-config\" to list them";
    return "no profile named " + quoted + "; configured profiles: " + profile_names(loaded.config);
}

}  // namespace

SourcesResolver default_sources_resolver() {
    return [](std::optional<std::filesystem::path> cli_override) {
        return config::default_config_sources(std::move(cli_override));
    };
}

int run_profile_line_command(std::string_view command, const std::vector<std::string>& args,
                             const SourcesResolver& resolve_sources,
                             const std::function<std::string(const config::Profile&)>& render,
                             std::ostream& out, std::ostream& err) {
    int exit_code = 0;
    const auto parsed = parse_profile_args(command, args, out, err, exit_code);
    if (!parsed) return exit_code;
    const auto sources = resolve_sources(parsed->config_file);
    const auto loaded = config::load_config(sources, nullptr);
    const config::Profile* profile = loaded.config.find_profile(parsed->profile);
    if (profile == nullptr) {
        err << "ccp-relogin " << command << ": " << why_no_profile(parsed->profile, sources, loaded)
            << ".\n";
        return 2;
    }
    out << render(*profile) << '\n';
    return 0;
}

}  // namespace ccp_relogin::cli
