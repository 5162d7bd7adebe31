#pragma once
// How every subcommand reads its flags: boost::program_options with no
// positional arguments (a stray word is an error, never silently ignored),
// and one sentence on stderr for a bad command line.
#include <boost/program_options.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/browsers.h"

namespace ccp_relogin::cli {

// A bad command line (exit 2). what() is one printable sentence.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline constexpr int kExitUsage = 2;

// Parses `args` (the words after the subcommand) against `options` and runs
// notify(). Throws UsageError for unknown options, missing values, bad
// values and any positional word.
boost::program_options::variables_map parse_options(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options);

// A command line parsed, or already answered: `exit_code` is set when the
// command has nothing left to do (--help printed: 0; a usage error
// reported: kExitUsage).
struct CommandLine {
    boost::program_options::variables_map values;
    std::optional<int> exit_code;
};

// parse_options, plus the --help and usage-error answers every command gives:
// "usage: <usage line>" and the options on `out`, or report_usage_error on
// `err`. `options` must offer "help,h". The usage line is the command's in
// cli/commands.h.
CommandLine parse_command_line(const std::vector<std::string>& args,
                               const boost::program_options::options_description& options,
                               std::string_view command, std::ostream& out, std::ostream& err);

// The browsers of repeatable, comma-separated --browser values ("chrome,edge"),
// each once, in the order given. Throws UsageError naming an unknown one.
std::vector<platform::Browser> parse_browser_list(const std::vector<std::string>& values);

// Writes "ccp-relogin <command>: <problem> (usage: <usage line>).\n" to `err`
// and returns kExitUsage.
int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem);

}  // namespace ccp_relogin::cli
