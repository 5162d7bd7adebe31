#include "cli/options_parser.h"

#include "cli/cli_config.h"

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
        throw UsageError(printable(e.what()));
    }
    return values;
}

int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem,
                       std::string_view usage) {
    err << "ccp-relogin " << command << ": " << problem << " (usage: " << usage << ").\n";
    return kExitUsage;
}

}  // namespace ccp_relogin::cli
