// cli/options_parser.h: what the wrapper around CLI11 guarantees the
// commands: values read back by name (defaults included), the rules it sets
// CLI11 to (whole long names, one value per single-value option, no stray
// word), every bad command line one printable line on stderr with exit 2,
// and --help on stdout headed by the command table's usage line. CLI11's own
// sentences are its business: only one is spelt out here, as an example.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options_parser.h"

namespace ccp_relogin::cli {
namespace {

// The usage line of a command in the table; the options are this test's own.
constexpr std::string_view kCommand = "url";

Options example() {
    Options options;
    options.value("profile", "the profile's name")
        .value("config", "read this configuration file")
        .flag("wait", "wait")
        .values("browser", "repeatable")
        .value_with_default("scope", "user", "user or system");
    return options;
}

struct Parsed {
    CommandLine line;
    std::string out;
    std::string err;
};

Parsed parse(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    auto line = parse_command_line(args, example(), kCommand, out, err);
    return {std::move(line), out.str(), err.str()};
}

OptionValues values_of(const std::vector<std::string>& args) {
    const auto parsed = parse(args);
    EXPECT_FALSE(parsed.line.exit_code) << parsed.err;
    return parsed.line.values;
}

TEST(CliOptionsParser, ReadsValuesFlagsRepeatsAndDefaults) {
    const auto values = values_of({"--profile", "agents-us", "--config=/etc/c.json", "--wait",
                                   "--browser", "chrome,edge", "--browser=brave"});
    EXPECT_EQ(values.value("profile"), "agents-us");
    EXPECT_EQ(values.value("config"), "/etc/c.json");
    EXPECT_TRUE(values.has("wait"));
    EXPECT_EQ(values.values("browser"), (std::vector<std::string>{"chrome,edge", "brave"}));
    EXPECT_TRUE(values.has("scope"));
    EXPECT_EQ(values.value("scope"), "user");
    EXPECT_EQ(values_of({"--scope", "system"}).value("scope"), "system");
    EXPECT_EQ(values_of({"--profile=a=b"}).value("profile"), "a=b");
    EXPECT_EQ(values_of({"--profile", ""}).value("profile"), "");

    const auto none = values_of({});
    EXPECT_FALSE(none.has("profile"));
    EXPECT_FALSE(none.has("wait"));
    EXPECT_TRUE(none.values("browser").empty());
}

TEST(CliOptionsParser, BadCommandLinesAreOneLineOnStderrAndExitTwo) {
    for (const std::vector<std::string>& bad : {
             std::vector<std::string>{"--bogus"},   // unknown
             {"--prof", "agents-us"},               // a long name is written out in full
             {"-x"},                                // unknown short name
             {"--profile"},                         // no value
             {"--wait=yes"},                        // a flag takes none
             {"--profile", "a", "--profile", "b"},  // one value, given twice
             {"--wait", "--wait"},                  // a flag given twice
             {"word"},                              // positional
             {"--", "--wait"},                      // positional after "--"
             {"--browser", "chrome", "edge"},       // one value per --browser
         }) {
        const auto parsed = parse(bad);
        ASSERT_TRUE(parsed.line.exit_code) << bad.front();
        EXPECT_EQ(*parsed.line.exit_code, kExitUsage) << bad.front();
        EXPECT_EQ(parsed.out, "");
        EXPECT_EQ(parsed.err.rfind("ccp-relogin url: ", 0), 0u) << parsed.err;
        EXPECT_NE(parsed.err.find(" (usage: " + usage_line(kCommand) + ").\n"), std::string::npos)
            << parsed.err;
        EXPECT_EQ(parsed.err.find('\n'), parsed.err.size() - 1) << parsed.err;
    }
    // The sentence is CLI11's.
    EXPECT_EQ(parse({"--bogus"}).err,
              "ccp-relogin url: The following argument was not expected: "
              "--bogus (usage: " +
                  usage_line(kCommand) + ").\n");
}

TEST(CliOptionsParser, ProblemsArePrintableAndShort) {
    const std::string err = parse({"--\x1b]0;x\x07" + std::string(200, 'a')}).err;
    EXPECT_EQ(err.find('\x1b'), std::string::npos);
    EXPECT_EQ(err.find('\x07'), std::string::npos);
    // base::printable_ascii keeps CLI11's sentence to 80 characters and "...".
    EXPECT_LE(err.size(), 83 + ("ccp-relogin url:  (usage: ).\n" + usage_line(kCommand)).size());
}

TEST(CliOptionsParser, HelpGoesToStdoutAndListsEveryOptionWithItsDefault) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--help"}, {"-h"}, {"--profile", "p", "--help"}}) {
        const auto parsed = parse(args);
        ASSERT_TRUE(parsed.line.exit_code);
        EXPECT_EQ(*parsed.line.exit_code, 0);
        EXPECT_EQ(parsed.err, "");
        EXPECT_EQ(parsed.out.rfind("usage: " + usage_line(kCommand) + "\n", 0), 0u) << parsed.out;
        const Options options = example();
        for (const auto& option : options.options()) {
            // Its line: "  --name TEXT=default   help".
            const auto at = parsed.out.find("\n  --" + option.name + " ");
            ASSERT_NE(at, std::string::npos) << option.name;
            const auto line = parsed.out.substr(at + 1, parsed.out.find('\n', at + 1) - at - 1);
            EXPECT_NE(line.find(option.help), std::string::npos) << line;
            if (option.default_value) {
                EXPECT_NE(line.find(*option.default_value), std::string::npos) << line;
            }
        }
        EXPECT_NE(parsed.out.find("-h,--help"), std::string::npos) << parsed.out;
    }
}

}  // namespace
}  // namespace ccp_relogin::cli
