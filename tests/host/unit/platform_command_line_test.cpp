// platform/command_line.h: the quoting of a Windows command line, checked as
// exact strings and by splitting it back with the rules written out below
// (the same rules CommandLineToArgvW applies; windows_child_process_test.cpp
// checks against CommandLineToArgvW itself and a real child's argv).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/command_line.h"

namespace ccp_relogin::platform {
namespace {

// The arguments after the program, split as command_line.h describes.
std::vector<std::string> split_arguments(std::string_view line) {
    std::vector<std::string> args;
    std::size_t at = line.find('"', 1) + 1;  // past the quoted program
    for (;;) {
        while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
        if (at == line.size()) return args;
        std::string arg;
        bool quoted = false;
        while (at < line.size() && (quoted || (line[at] != ' ' && line[at] != '\t'))) {
            std::size_t backslashes = 0;
            while (at < line.size() && line[at] == '\\') ++backslashes, ++at;
            if (at < line.size() && line[at] == '"') {
                arg.append(backslashes / 2, '\\');
                if (backslashes % 2 == 1)
                    arg += '"';
                else
                    quoted = !quoted;
                ++at;
            } else {
                arg.append(backslashes, '\\');
                if (backslashes == 0) arg += line[at++];
            }
        }
        args.push_back(arg);
    }
}

// Arguments every quoting mistake gets wrong one way or another.
const std::vector<std::string> kAwkward = {"plain",
                                           "",
                                           "two words",
                                           "tab\there",
                                           "a\"quote",
                                           "\"",
                                           "\\",
                                           "trailing\\",
                                           "C:\\Program Files\\x\\",
                                           "back\\\\\"slash",
                                           "\\\"",
                                           "end\\\\",
                                           "new\nline",
                                           "ü and 日本",
                                           "https://a/?x=1&y=\"2\""};

TEST(WindowsCommandLine, AnArgumentWithNothingSpecialStaysAsItIs) {
    EXPECT_EQ(quote_windows_argument("probe"), "probe");
    EXPECT_EQ(quote_windows_argument("C:\\dir\\file.json"), "C:\\dir\\file.json")
        << "backslashes before no quote are themselves";
    EXPECT_EQ(quote_windows_argument("--config"), "--config");
}

TEST(WindowsCommandLine, QuotesAndTheBackslashesBeforeThemAreEscaped) {
    EXPECT_EQ(quote_windows_argument(""), "\"\"");
    EXPECT_EQ(quote_windows_argument("two words"), "\"two words\"");
    EXPECT_EQ(quote_windows_argument("a\"b"), "\"a\\\"b\"");
    EXPECT_EQ(quote_windows_argument("a\\\"b"), "\"a\\\\\\\"b\"") << "2n+1 before a quote";
    EXPECT_EQ(quote_windows_argument("dir\\ x\\"), "\"dir\\ x\\\\\"")
        << "doubled only at the end, before the closing quote";
    EXPECT_EQ(quote_windows_argument("a\\b c"), "\"a\\b c\"");
}

TEST(WindowsCommandLine, EveryArgumentSplitsBackAsItWas) {
    const std::string line = windows_command_line("C:\\Program Files\\p.exe", kAwkward);
    EXPECT_EQ(split_arguments(line), kAwkward) << line;
    for (const auto& arg : kAwkward)
        EXPECT_EQ(split_arguments("\"p\" " + quote_windows_argument(arg)),
                  std::vector<std::string>{arg})
            << arg;
}

TEST(WindowsCommandLine, TheProgramIsQuotedWithoutEscapes) {
    EXPECT_EQ(
        windows_command_line("C:\\Program Files\\ccp-relogin\\ccp-relogin-network.exe", {"probe"}),
        "\"C:\\Program Files\\ccp-relogin\\ccp-relogin-network.exe\" probe");
    EXPECT_THROW(windows_command_line("a\"b.exe", {}), std::invalid_argument);
    EXPECT_THROW(windows_command_line("", {}), std::invalid_argument);
}

TEST(WindowsCommandLine, ANulCannotBePassed) {
    EXPECT_THROW(quote_windows_argument(std::string("a\0b", 3)), std::invalid_argument);
}

}  // namespace
}  // namespace ccp_relogin::platform
