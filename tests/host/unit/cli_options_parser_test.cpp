// cli/options_parser.h: the command line reads, and --help looks, as it did
// on boost::program_options (the CLI's parser until CLI11): its rules, its
// sentences, its layout.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/options_parser.h"

namespace ccp_relogin::cli {
namespace {

Options example() {
    Options options("ccp-relogin example");
    options.flag("help,h", "show this help")
        .value("profile", "the profile's name")
        .value("config", "read this configuration file")
        .flag("wait", "wait")
        .values("browser", "repeatable")
        .value_with_default("scope", "user", "user or system");
    return options;
}

OptionValues parse(const std::vector<std::string>& args) { return parse_options(args, example()); }

// The sentence of the usage error, or "" when the line parses.
std::string problem(const std::vector<std::string>& args) {
    try {
        parse(args);
        return "";
    } catch (const UsageError& e) {
        return e.what();
    }
}

TEST(CliOptionsParser, ReadsValuesFlagsRepeatsAndDefaults) {
    const auto values = parse({"--profile", "agents-us", "--config=/etc/c.json", "--wait",
                               "--browser", "chrome,edge", "--browser=brave"});
    EXPECT_EQ(values.value("profile"), "agents-us");
    EXPECT_EQ(values.value("config"), "/etc/c.json");
    EXPECT_TRUE(values.has("wait"));
    EXPECT_FALSE(values.has("help"));
    EXPECT_EQ(values.values("browser"), (std::vector<std::string>{"chrome,edge", "brave"}));
    EXPECT_TRUE(values.has("scope"));
    EXPECT_EQ(values.value("scope"), "user");
    EXPECT_EQ(parse({"--scope", "system"}).value("scope"), "system");
    EXPECT_TRUE(parse({"-h"}).has("help"));
    EXPECT_TRUE(parse({}).values("browser").empty());
}

TEST(CliOptionsParser, AValueIsTheNextWordWhateverItLooksLike) {
    EXPECT_EQ(parse({"--profile", "--wait"}).value("profile"), "--wait");
    EXPECT_EQ(parse({"--profile", ""}).value("profile"), "");
    EXPECT_EQ(parse({"--profile", "--"}).value("profile"), "--");
    EXPECT_EQ(parse({"--profile=a=b"}).value("profile"), "a=b");
    EXPECT_FALSE(parse({"--profile", "--wait"}).has("wait"));
    // ... but an option's short form is not a value.
    EXPECT_EQ(problem({"--profile", "-h"}),
              "the required argument for option '--profile' is missing");
}

TEST(CliOptionsParser, ALongNameMayBeShortenedWhileItIsUnambiguous) {
    const auto values = parse({"--prof", "agents-us", "--w", "--he"});
    EXPECT_EQ(values.value("profile"), "agents-us");
    EXPECT_TRUE(values.has("wait"));
    EXPECT_TRUE(values.has("help"));
    EXPECT_EQ(parse({"--sc=system"}).value("scope"), "system");

    Options close("close");
    close.flag("alpine", "a").value("alpha", "b").flag("alpha-b", "c");
    EXPECT_TRUE(parse_options({"--alpha", "x"}, close).has("alpha"));  // a whole name wins
    try {
        parse_options({"--alp"}, close);
        ADD_FAILURE() << "--alp is ambiguous";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(),
                     "option '--alp' is ambiguous and matches '--alpha', '--alpha-b', and "
                     "'--alpine'");
    }
}

TEST(CliOptionsParser, ShortFlagsRunTogether) {
    EXPECT_TRUE(parse({"-h"}).has("help"));
    EXPECT_EQ(problem({"-hh"}), "option '--help' cannot be specified more than once");
    EXPECT_EQ(problem({"-hx"}), "unrecognised option '-hx'");
}

TEST(CliOptionsParser, BadCommandLinesSayWhatProgramOptionsSaid) {
    EXPECT_EQ(problem({"--bogus"}), "unrecognised option '--bogus'");
    EXPECT_EQ(problem({"--bogus=1"}), "unrecognised option '--bogus=1'");
    EXPECT_EQ(problem({"-x"}), "unrecognised option '-x'");
    EXPECT_EQ(problem({"--profile"}), "the required argument for option '--profile' is missing");
    // Cut at 80 characters, as every problem is (base::printable_ascii).
    EXPECT_EQ(problem({"--profile="}),
              "the argument for option '--profile' should follow immediately after the equal "
              "si...");
    EXPECT_EQ(problem({"--wait=yes"}), "option '--wait' does not take any arguments");
    EXPECT_EQ(problem({"--profile", "a", "--profile", "b"}),
              "option '--profile' cannot be specified more than once");
    EXPECT_EQ(problem({"--wait", "--wait"}), "option '--wait' cannot be specified more than once");
    for (const std::vector<std::string>& stray :
         {std::vector<std::string>{"word"}, {""}, {"-"}, {"--", "--wait"}, {"--=x"}})
        EXPECT_EQ(problem(stray),
                  "too many positional options have been specified on the command line");
    EXPECT_EQ(problem({"--"}), "");
}

TEST(CliOptionsParser, TheFirstBadWordThenStrayWordsThenRepeats) {
    EXPECT_EQ(problem({"stray", "--wait", "--wait", "--bogus"}), "unrecognised option '--bogus'");
    EXPECT_EQ(problem({"stray", "--profile"}),
              "the required argument for option '--profile' is missing");
    EXPECT_EQ(problem({"--wait", "--wait", "stray"}),
              "too many positional options have been specified on the command line");
    EXPECT_EQ(problem({"--config", "a", "--wait", "--wait", "--config", "b"}),
              "option '--wait' cannot be specified more than once");
}

TEST(CliOptionsParser, ProblemsArePrintableAndShort) {
    const std::string sentence = problem({"--\x1b]0;x\x07" + std::string(200, 'a')});
    EXPECT_EQ(sentence.find('\x1b'), std::string::npos);
    EXPECT_LE(sentence.size(), 83u);  // base::printable_ascii's 80, then "..."
}

TEST(CliOptionsParser, HelpIsLaidOutInColumnsAndWrapsAt80) {
    Options options("ccp-relogin demo");
    options.flag("help,h", "show this help")
        .value_with_default("scope", "user", "user or system")
        .values("user-data-dir",
                "the browser runs with --user-data-dir D: write to D/NativeMessagingHosts/")
        .flag("trust-development-extension",
              "also allow the unpacked development extension, whose key is public (for "
              "development machines only)");
    std::ostringstream help;
    help << options;
    EXPECT_EQ(help.str(),
              "ccp-relogin demo:\n"
              "  -h [ --help ]                  show this help\n"
              "  --scope arg (=user)            user or system\n"
              "  --user-data-dir arg            the browser runs with --user-data-dir D: write\n"
              "                                 to D/NativeMessagingHosts/\n"
              "  --trust-development-extension  also allow the unpacked development extension,\n"
              "                                 whose key is public (for development machines \n"
              "                                 only)\n");
}

}  // namespace
}  // namespace ccp_relogin::cli
