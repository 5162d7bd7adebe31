#pragma once
// How every subcommand reads its flags. CLI11 does the parsing, and only
// options_parser.cpp knows it: the commands describe their options with
// Options and read them back from OptionValues.
//
// The command line reads as it did on boost::program_options, which it began
// on, with the same rules and the same sentences: `--name value` or
// `--name=value`, a long name shortened to any unambiguous prefix ("--prof"),
// short names ("-h"; flags may run together), no positional argument (a stray
// word is an error, never silently ignored), and one sentence on stderr for
// a bad command line. --help lays the options out as it always did.
#include <map>
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

// One subcommand's options, in the order --help lists them.
class Options {
  public:
    // `caption` heads the --help list ("ccp-relogin url").
    explicit Options(std::string caption);

    // `names`: the long name, then optionally a comma and a one-letter short
    // name ("help,h"). `help`: one line, wrapped by --help.
    // An option that takes no value ("--json").
    Options& flag(std::string_view names, std::string help);
    // One value, given at most once ("--profile P").
    Options& value(std::string_view names, std::string help);
    // The same, `default_value` when not given (--help shows it).
    Options& value_with_default(std::string_view names, std::string default_value,
                                std::string help);
    // One value each time it is given, as often as wanted ("--browser B").
    Options& values(std::string_view names, std::string help);

    // The --help list: the caption, then "  --name arg   help" per option.
    friend std::ostream& operator<<(std::ostream& out, const Options& options);

    enum class Kind { kFlag, kValue, kValues };
    struct Option {
        std::string long_name;                     // "help"
        std::optional<char> short_name;            // 'h'
        Kind kind;                                 // what it takes
        std::optional<std::string> default_value;  // kValue only
        std::string help;
    };
    const std::vector<Option>& options() const { return options_; }

  private:
    Options& add(std::string_view names, Kind kind, std::optional<std::string> default_value,
                 std::string help);

    std::string caption_;
    std::vector<Option> options_;
};

// The options a command line gave, by long name.
class OptionValues {
  public:
    // Given, or has a default.
    bool has(std::string_view name) const;
    // The value of a value option; has(name) must hold.
    const std::string& value(std::string_view name) const;
    // Every value of a repeatable option, in the order given; empty when not given.
    const std::vector<std::string>& values(std::string_view name) const;

  private:
    friend OptionValues parse_options(const std::vector<std::string>& args, const Options& options);
    std::map<std::string, std::vector<std::string>, std::less<>> given_;
};

// Parses `args` (the words after the subcommand) against `options`. Throws
// UsageError for unknown or ambiguous options, missing values, a value given
// to a flag, an option given twice (repeatable ones aside) and any
// positional word.
OptionValues parse_options(const std::vector<std::string>& args, const Options& options);

// A command line parsed, or already answered: `exit_code` is set when the
// command has nothing left to do (--help printed: 0; a usage error
// reported: kExitUsage).
struct CommandLine {
    OptionValues values;
    std::optional<int> exit_code;
};

// parse_options, plus the --help and usage-error answers every command gives:
// "usage: <usage line>" and the options on `out`, or report_usage_error on
// `err`. `options` must offer "help,h". The usage line is the command's in
// cli/commands.h.
CommandLine parse_command_line(const std::vector<std::string>& args, const Options& options,
                               std::string_view command, std::ostream& out, std::ostream& err);

// The browsers of repeatable, comma-separated --browser values ("chrome,edge"),
// each once, in the order given. Throws UsageError naming an unknown one.
std::vector<platform::Browser> parse_browser_list(const std::vector<std::string>& values);

// Writes "ccp-relogin <command>: <problem> (usage: <usage line>).\n" to `err`
// and returns kExitUsage.
int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem);

}  // namespace ccp_relogin::cli
