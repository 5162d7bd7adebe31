#include "cli/options_parser.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <utility>

#include "base/text.h"
#include "cli/commands.h"

namespace ccp_relogin::cli {
namespace {

using Kind = Options::Kind;

// CLI11's --help, headed by the command's usage line from the command table
// (cli/commands.h, which usage errors print too) instead of CLI11's
// "Usage: <name> [OPTIONS]", which would not say which options are required.
class UsageLineFormatter : public CLI::Formatter {
  public:
    explicit UsageLineFormatter(std::string line) : line_(std::move(line)) {}
    std::string make_usage(const CLI::App*, std::string) const override {
        return "usage: " + line_ + "\n";
    }

  private:
    std::string line_;
};

// `options` as a CLI11 app, each option beside its CLI11 counterpart.
struct Parser {
    CLI::App app;
    std::vector<std::pair<const Options::Option*, CLI::Option*>> added;

    Parser(const Options& options, std::string_view command) {
        app.formatter(std::make_shared<UsageLineFormatter>(usage_line(command)));
        app.set_help_flag("-h,--help", "show this help");
        app.allow_extras(false);  // an unknown option or a stray word is an error
        for (const auto& option : options.options()) {
            const std::string name = "--" + option.name;
            CLI::Option* cli = nullptr;
            if (option.kind == Kind::kFlag) {
                // "--json=false" is an error, not a flag turned off or on.
                cli = app.add_flag(name)->disable_flag_override();
            } else {
                cli = app.add_option(name)->type_name("TEXT");
                if (option.default_value) cli->default_val(*option.default_value);
            }
            cli->description(option.help);
            cli->multi_option_policy(option.kind == Kind::kValues ? CLI::MultiOptionPolicy::TakeAll
                                                                  : CLI::MultiOptionPolicy::Throw);
            added.emplace_back(&option, cli);
        }
    }
};

}  // namespace

Options& Options::flag(std::string name, std::string help) {
    options_.push_back({std::move(name), Kind::kFlag, std::nullopt, std::move(help)});
    return *this;
}

Options& Options::value(std::string name, std::string help) {
    options_.push_back({std::move(name), Kind::kValue, std::nullopt, std::move(help)});
    return *this;
}

Options& Options::value_with_default(std::string name, std::string default_value,
                                     std::string help) {
    options_.push_back({std::move(name), Kind::kValue, std::move(default_value), std::move(help)});
    return *this;
}

Options& Options::values(std::string name, std::string help) {
    options_.push_back({std::move(name), Kind::kValues, std::nullopt, std::move(help)});
    return *this;
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

int report_usage_error(std::ostream& err, std::string_view command, std::string_view problem) {
    err << "ccp-relogin " << command << ": " << problem << " (usage: " << usage_line(command)
        << ").\n";
    return kExitUsage;
}

CommandLine parse_command_line(const std::vector<std::string>& args, const Options& options,
                               std::string_view command, std::ostream& out, std::ostream& err) {
    Parser parser(options, command);
    CommandLine line;
    std::vector<std::string> words(args.rbegin(), args.rend());  // CLI11 takes the last word first
    try {
        parser.app.parse(words);
    } catch (const CLI::CallForHelp&) {
        out << parser.app.help();
        line.exit_code = 0;
        return line;
    } catch (const CLI::ParseError& e) {
        // CLI11 quotes the words it did not expect: made printable, and short.
        // (CLI11 2.1 lists several of them last first: CLIUtils/CLI11#1158.)
        line.exit_code = report_usage_error(err, command, base::printable_ascii(e.what()));
        return line;
    }
    for (const auto& [option, cli] : parser.added) {
        if (option->kind == Kind::kFlag) {
            if (cli->count() > 0) line.values.given_[option->name] = {};
        } else if (cli->count() > 0) {
            line.values.given_[option->name] = cli->results();
        } else if (option->default_value) {
            line.values.given_[option->name] = {cli->as<std::string>()};
        }
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
