#include "cli/options_parser.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <set>
#include <utility>

#include "base/text.h"
#include "cli/commands.h"

namespace ccp_relogin::cli {
namespace {

using Kind = Options::Kind;
using Option = Options::Option;

// --help's layout, boost::program_options's: 80 columns, every description
// starting in one column, one past the widest "  --name arg" but at least 24
// and at most 40.
constexpr std::size_t kLineLength = 80;
constexpr std::size_t kMinFirstColumn = 23;
constexpr std::size_t kMaxFirstColumn = kLineLength - 40 - 1;

std::string first_column(const Option& option) {
    std::string text = "  ";
    if (option.short_name)
        text += std::string("-") + *option.short_name + " [ --" + option.long_name + " ]";
    else
        text += "--" + option.long_name;
    text += ' ';
    if (option.kind != Kind::kFlag) text += "arg";
    if (option.default_value) text += " (=" + *option.default_value + ")";
    return text;
}

// `text` on lines of at most kLineLength - 1 columns, those after the first
// indented by `indent`. A line ends after its last space when that space is in
// its second half, else where the width runs out; the next line drops one
// space it starts with.
void write_wrapped(std::ostream& out, std::string_view text, std::size_t indent) {
    const std::size_t width = kLineLength - 1 - indent;
    if (text.size() < width) {
        out << text;
        return;
    }
    std::size_t begin = 0;
    while (begin < text.size()) {
        if (begin > 0 && text[begin] == ' ' && begin + 1 < text.size() && text[begin + 1] != ' ')
            ++begin;
        std::size_t end = begin + std::min(width, text.size() - begin);
        if (text[end - 1] != ' ' && end < text.size() && text[end] != ' ') {
            const auto space = text.rfind(' ', end - 1);
            if (space != std::string_view::npos && space >= begin && end - (space + 1) < width / 2)
                end = space + 1;
        }
        out << text.substr(begin, end - begin);
        if (end != text.size()) out << '\n' << std::string(indent, ' ');
        begin = end;
    }
}

// The sentences for a bad command line are boost::program_options's, which
// the CLI has always printed.
UsageError unrecognised(std::string_view word) {
    return UsageError("unrecognised option '" + std::string(word) + "'");
}

UsageError missing_value(const Option& option) {
    return UsageError("the required argument for option '--" + option.long_name + "' is missing");
}

UsageError nothing_after_equals(std::string_view name) {
    return UsageError(name.empty() ? "the argument for option should follow immediately after the "
                                     "equal sign"
                                   : "the argument for option '--" + std::string(name) +
                                         "' should follow immediately after the equal sign");
}

UsageError takes_no_value(const Option& option) {
    return UsageError("option '--" + option.long_name + "' does not take any arguments");
}

UsageError given_twice(const Option& option) {
    return UsageError("option '--" + option.long_name + "' cannot be specified more than once");
}

UsageError ambiguous(std::string_view word, const std::vector<const Option*>& candidates) {
    std::set<std::string> names;
    for (const Option* option : candidates) names.insert("'--" + option->long_name + "'");
    std::string text = "option '" + std::string(word) + "' is ambiguous and matches ";
    std::size_t i = 0;
    for (const auto& name : names) {
        if (i > 0) text += ", ";
        if (++i == names.size()) text += "and ";
        text += name;
    }
    return UsageError(text);
}

bool is_long_word(std::string_view word) { return word.size() >= 3 && word.starts_with("--"); }

const Option* find_short(const std::vector<Option>& options, char name) {
    const auto it = std::find_if(options.begin(), options.end(),
                                 [&](const Option& option) { return option.short_name == name; });
    return it == options.end() ? nullptr : &*it;
}

// "-h", for an option whose short name is h.
bool is_short_word(const std::vector<Option>& options, std::string_view word) {
    return word.size() == 2 && word[0] == '-' && find_short(options, word[1]) != nullptr;
}

// The option `name` (from `word`, "--name" or "--name=value") means: the one
// of that name, else the only one it begins ("--prof"), else the one it is
// the short form of ("---h").
const Option& find_long(const std::vector<Option>& options, std::string_view name,
                        std::string_view word) {
    std::vector<const Option*> begun;
    for (const auto& option : options) {
        if (option.long_name == name) return option;
        if (option.short_name && name.size() == 2 && name[0] == '-' &&
            name[1] == *option.short_name)
            return option;
        if (option.long_name.starts_with(name)) begun.push_back(&option);
    }
    if (begun.empty()) throw unrecognised(word);
    if (begun.size() > 1) throw ambiguous(word, begun);
    return *begun.front();
}

// The command line checked as boost::program_options checked it, and in its
// order: the first bad word (an unknown option, a missing value, a value for
// a flag), then any stray word, then an option given twice. Returns the
// words for CLI11, every option by its whole long name: "--name",
// "--name=value", or "--name" and its value as the next word.
std::vector<std::string> checked_words(const std::vector<std::string>& args,
                                       const std::vector<Option>& options) {
    std::vector<std::string> words;
    std::vector<const Option*> given;
    bool stray = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        // A value not after "=" is the next word, whatever it looks like,
        // unless that is an option's short form or ends in "=".
        const auto value_from_next_word = [&](const Option& option) {
            if (i + 1 == args.size() || is_short_word(options, args[i + 1]))
                throw missing_value(option);
            if (is_long_word(args[i + 1]) && args[i + 1].back() == '=')
                throw nothing_after_equals(option.long_name);
            words.push_back("--" + option.long_name);
            words.push_back(args[++i]);
        };
        if (word == "--") {  // every word after it is positional
            stray = stray || i + 1 < args.size();
            break;
        }
        if (is_long_word(word)) {
            const auto equals = word.find('=');
            const auto name = std::string_view(word).substr(
                2, equals == std::string::npos ? std::string::npos : equals - 2);
            if (equals != std::string::npos && equals + 1 == word.size())
                throw nothing_after_equals(name);
            if (name.empty()) {  // "--=x"
                stray = true;
                continue;
            }
            const Option& option = find_long(options, name, word);
            given.push_back(&option);
            if (equals != std::string::npos) {
                if (option.kind == Kind::kFlag) throw takes_no_value(option);
                words.push_back("--" + option.long_name + word.substr(equals));
            } else if (option.kind == Kind::kFlag) {
                words.push_back("--" + option.long_name);
            } else {
                value_from_next_word(option);
            }
        } else if (word.size() >= 2 && word[0] == '-') {
            // Short names, flags run together ("-hh" is -h twice); a value
            // option's value is the rest of the word, or the next word.
            for (std::size_t at = 1; at < word.size(); ++at) {
                const Option* option = find_short(options, word[at]);
                if (option == nullptr) throw unrecognised(word);
                given.push_back(option);
                if (option->kind == Kind::kFlag) {
                    words.push_back("--" + option->long_name);
                } else {
                    if (at + 1 < word.size())
                        words.push_back("--" + option->long_name + "=" + word.substr(at + 1));
                    else
                        value_from_next_word(*option);
                    break;
                }
            }
        } else {
            stray = true;
        }
    }
    if (stray)
        throw UsageError("too many positional options have been specified on the command line");
    for (auto it = given.begin(); it != given.end(); ++it)
        if ((*it)->kind != Kind::kValues && std::find(given.begin(), it, *it) != it)
            throw given_twice(**it);
    return words;
}

}  // namespace

Options::Options(std::string caption) : caption_(std::move(caption)) {}

Options& Options::add(std::string_view names, Kind kind, std::optional<std::string> default_value,
                      std::string help) {
    Option option{std::string(names), std::nullopt, kind, std::move(default_value),
                  std::move(help)};
    if (const auto comma = names.find(','); comma != std::string_view::npos) {
        if (comma + 2 != names.size())
            throw std::logic_error("a short option name is one letter: " + std::string(names));
        option.long_name = std::string(names.substr(0, comma));
        option.short_name = names.back();
    }
    if (option.long_name.empty())
        throw std::logic_error("an option needs a long name: " + std::string(names));
    options_.push_back(std::move(option));
    return *this;
}

Options& Options::flag(std::string_view names, std::string help) {
    return add(names, Kind::kFlag, std::nullopt, std::move(help));
}

Options& Options::value(std::string_view names, std::string help) {
    return add(names, Kind::kValue, std::nullopt, std::move(help));
}

Options& Options::value_with_default(std::string_view names, std::string default_value,
                                     std::string help) {
    return add(names, Kind::kValue, std::move(default_value), std::move(help));
}

Options& Options::values(std::string_view names, std::string help) {
    return add(names, Kind::kValues, std::nullopt, std::move(help));
}

std::ostream& operator<<(std::ostream& out, const Options& options) {
    if (!options.caption_.empty()) out << options.caption_ << ":\n";
    std::size_t column = kMinFirstColumn;
    for (const auto& option : options.options_)
        column = std::max(column, first_column(option).size());
    column = std::min(column, kMaxFirstColumn) + 1;
    for (const auto& option : options.options_) {
        const std::string first = first_column(option);
        out << first;
        if (!option.help.empty()) {
            if (first.size() >= column)
                out << '\n' << std::string(column, ' ');
            else
                out << std::string(column - first.size(), ' ');
            write_wrapped(out, option.help, column);
        }
        out << '\n';
    }
    return out;
}

bool OptionValues::has(std::string_view name) const { return given_.find(name) != given_.end(); }

const std::string& OptionValues::value(std::string_view name) const {
    const auto it = given_.find(name);
    if (it == given_.end() || it->second.size() != 1)
        throw std::logic_error("no single value for --" + std::string(name));
    return it->second.front();
}

const std::vector<std::string>& OptionValues::values(std::string_view name) const {
    static const std::vector<std::string> kNone;
    const auto it = given_.find(name);
    return it == given_.end() ? kNone : it->second;
}

OptionValues parse_options(const std::vector<std::string>& args, const Options& options) {
    std::vector<std::string> words;
    try {
        words = checked_words(args, options.options());
    } catch (const UsageError& e) {
        throw UsageError(base::printable_ascii(e.what()));
    }
    CLI::App app;
    app.set_help_flag();  // --help is an option like the others
    std::vector<std::pair<const Option*, const CLI::Option*>> parsed;
    for (const auto& option : options.options()) {
        const std::string name = "--" + option.long_name;
        CLI::Option* added = option.kind == Kind::kFlag ? app.add_flag(name) : app.add_option(name);
        if (option.kind == Kind::kValues)
            added->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        parsed.emplace_back(&option, added);
    }
    std::reverse(words.begin(), words.end());  // CLI11 takes the last word first
    try {
        app.parse(std::move(words));
    } catch (const CLI::ParseError& e) {
        // checked_words let through only what CLI11 reads.
        throw UsageError(base::printable_ascii(e.what()));
    }
    OptionValues values;
    for (const auto& [option, result] : parsed) {
        if (result->count() > 0)
            values.given_[option->long_name] =
                option->kind == Kind::kFlag ? std::vector<std::string>{} : result->results();
        else if (option->default_value)
            values.given_[option->long_name] = {*option->default_value};
    }
    return values;
}

int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem) {
    err << "ccp-relogin " << command << ": " << problem << " (usage: " << usage_line(command)
        << ").\n";
    return kExitUsage;
}

CommandLine parse_command_line(const std::vector<std::string>& args, const Options& options,
                               std::string_view command, std::ostream& out, std::ostream& err) {
    CommandLine line;
    try {
        line.values = parse_options(args, options);
    } catch (const UsageError& e) {
        line.exit_code = report_usage_error(err, command, e.what());
        return line;
    }
    if (line.values.has("help")) {
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
