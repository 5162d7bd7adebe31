#include "cli/check_config_command.h"

#include "cli/options_parser.h"
#include "config/problem_text.h"

namespace ccp_relogin::cli {

int run_check_config(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
                     std::ostream& out, std::ostream& err) {
    Options options;
    options.value("config", "read this configuration file");
    const auto line = parse_command_line(args, options, "check-config", out, err);
    if (line.exit_code) return *line.exit_code;
    const auto& values = line.values;
    std::optional<std::filesystem::path> config_file;
    if (values.has("config")) config_file = values.value("config");

    // The browser policy only reaches the host through the extension, so the
    // CLI checks the files; the policy is checked when the extension says hello.
    const auto loaded = config::load_config(resolve_sources(config_file), nullptr);
    if (!loaded.problems.empty()) {
        const bool with_source = loaded.sources.size() > 1;
        for (const auto& problem : loaded.problems)
            out << config::format_problem(problem, with_source) << '\n';
        return 2;
    }
    err << "ccp-relogin check-config: ok (" << loaded.config.profiles.size() << " profile(s) from ";
    for (std::size_t i = 0; i < loaded.sources.size(); ++i)
        err << (i > 0 ? ", " : "") << loaded.sources[i];
    err << ").\n";
    return 0;
}

int run_check_config(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_check_config(args, default_sources_resolver(), out, err);
}

}  // namespace ccp_relogin::cli
