#pragma once
// How every subcommand reads its flags. CLI11 parses the command line, words
// its usage errors and lays out --help; only options_parser.cpp knows it: the
// commands describe their options with Options and read them back from
// OptionValues.
//
// The rules are CLI11's, set up so: `--name value` or `--name=value`, a long
// name written out in full, -h or --help for the help, no positional argument
// (a stray word is an error, never silently ignored), an option that takes one
// value given at most once, and one line on stderr for a bad command line.
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

// One subcommand's options, in the order --help lists them after -h,--help
// (which every command has).
class Options {
  public:
    // `name`: the long name, without "--" ("json"). `help`: one line for --help.
    // An option that takes no value ("--json").
    Options& flag(std::string name, std::string help);
    // One value, given at most once ("--profile P").
    Options& value(std::string name, std::string help);
    // The same, `default_value` when not given (--help shows it).
    Options& value_with_default(std::string name, std::string default_value, std::string help);
    // One value each time it is given, as often as wanted ("--browser B").
    Options& values(std::string name, std::string help);

    enum class Kind { kFlag, kValue, kValues };
    struct Option {
        std::string name;                          // "profile"
        Kind kind;                                 // what it takes
        std::optional<std::string> default_value;  // kValue only
        std::string help;
    };
    const std::vector<Option>& options() const { return options_; }

  private:
    std::vector<Option> options_;
};

struct CommandLine;

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
    friend CommandLine parse_command_line(const std::vector<std::string>& args,
                                          const Options& options, std::string_view command,
                                          std::ostream& out, std::ostream& err);
    std::map<std::string, std::vector<std::string>, std::less<>> given_;
};

// A command line parsed, or already answered: `exit_code` is set when the
// command has nothing left to do (--help printed: 0; a usage error
// reported: kExitUsage).
struct CommandLine {
    OptionValues values;
    std::optional<int> exit_code;
};

// Parses `args` (the words after the subcommand) against `options`. For -h or
// --help, writes CLI11's help to `out`: "usage: <usage line>", then every
// option with its description and default. For a bad command line (an
// unknown option, a missing value, a value given to a flag, a one-value
// option or a flag given twice, any positional word), writes CLI11's sentence
// through report_usage_error to `err`. The usage line is the command's in
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
