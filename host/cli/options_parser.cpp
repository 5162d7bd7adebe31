#include "cli/options_parser.h"

#include <algorithm>

#include "base/text.h"
#include "cli/cli_config.h"
#include "cli/commands.h"

namespace ccp_relogin::cli {
namespace po = boost::program_options;

po::variables_map parse_options(const std::vector<std::string>& args,
                                const po::options_description& options) {
    po::variables_map values;
    try {
        // An empty positional description makes stray words an error, not ignored.
        const po::positional_options_description no_positionals;
        po::store(po::command_line_parser(args).options(options).positional(no_positionals).run(),
                  values);
        po::notify(values);
    } catch (const po::error& e) {
        throw UsageError(base::printable_ascii(e.what()));
    }
    return values;
}

int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem) {
    err << "ccp-relogin " << command << ": " << problem << " (usage: " << usage_line(command)
        << ").\n";
    return kExitUsage;
}

CommandLine parse_command_line(const std::vector<std::string>& args,
                               const po::options_description& options, std::string_view command,
                               std::ostream& out, std::ostream& err) {
    CommandLine line;
    try {
        line.values = parse_options(args, options);
    } catch (const UsageError& e) {
        line.exit_code = report_usage_error(err, command, e.what());
        return line;
    }
    if (line.values.count("help")) {
        out << "usage: " << usage_line(command) << "\n" << options;
        line.exit_code = 0;
    }
    return line;
}

std::vector<platform::Browser> parse_browser_list(const std::vector<std::string>& values) {
    std::vector<platform::Browser> browsers;
    for (const auto& value : values) {
        std::string_view rest = value;
        while (true) {
            const auto comma = rest.find(',');
            const auto name = rest.substr(0, comma);
            const auto browser = platform::parse_browser(name);
            if (!browser)
                throw UsageError("unknown browser \"" + base::printable_ascii(name) +
                                 "\": use chrome, chromium, edge or brave");
            if (std::find(browsers.begin(), browsers.end(), *browser) == browsers.end())
                browsers.push_back(*browser);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    return browsers;
}

}  // namespace ccp_relogin::cli
