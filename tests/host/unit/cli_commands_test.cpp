// The command table (cli/commands.h) is the one place a synopsis is written:
// the top-level usage lists every command from it, and each command's --help
// and usage errors print its line from it.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "cli/commands.h"

namespace ccp_relogin::cli {
namespace {

struct CommandRun {
    int code;
    std::string out;
    std::string err;
};

CommandRun run(const Command& command, std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = command.run(args, out, err);
    return {code, out.str(), err.str()};
}

TEST(CliCommands, NamesAreUniqueAndEachHasASummary) {
    std::set<std::string_view> names;
    for (const Command& command : commands()) {
        EXPECT_TRUE(names.insert(command.name).second) << command.name;
        EXPECT_FALSE(command.summary.empty()) << command.name;
        EXPECT_EQ(find_command(command.name), &command);
    }
    EXPECT_EQ(find_command("no-such-command"), nullptr);
}

TEST(CliCommands, TheUsageListsEveryCommandWithItsSynopsis) {
    const std::string usage = usage_text();
    for (const Command& command : commands()) {
        std::string line = "  " + std::string(command.name);
        if (!command.synopsis.empty()) line += " " + std::string(command.synopsis);
        EXPECT_NE(usage.find(line + "\n      " + std::string(command.summary) + "\n"),
                  std::string::npos)
            << command.name;
    }
}

TEST(CliCommands, HelpPrintsTheTablesUsageLine) {
    for (const Command& command : commands()) {
        if (command.name == "version") continue;  // takes no options
        const CommandRun r = run(command, {"--help"});
        EXPECT_EQ(r.code, 0) << command.name << ": " << r.err;
        EXPECT_EQ(r.out.rfind("usage: " + usage_line(command.name) + "\n", 0), 0u)
            << command.name << ": " << r.out;
    }
}

TEST(CliCommands, AStrayWordIsAUsageErrorNamingTheTablesUsageLine) {
    for (const Command& command : commands()) {
        if (command.name == "version") continue;  // takes no options
        const CommandRun r = run(command, {"stray-word"});
        EXPECT_EQ(r.code, 2) << command.name;
        EXPECT_NE(r.err.find("(usage: " + usage_line(command.name) + ")"), std::string::npos)
            << command.name << ": " << r.err;
    }
}

}  // namespace
}  // namespace ccp_relogin::cli
