#pragma once
// Every subcommand of ccp-relogin, in one table: its name, its synopsis, a
// one-line summary and the function that runs it. The top-level usage,
// each command's "usage:" line (for --help and usage errors) and
// docs/architecture.md's list all come from here, so a synopsis is written
// once.
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::cli {

struct Command {
    std::string_view name;      // "url"
    std::string_view synopsis;  // the options after the name: "--profile P [--config F]"
    std::string_view summary;   // what it does, for the top-level usage
    int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
};

// The commands in the order the usage lists them.
std::span<const Command> commands();

// nullptr for a name that is not a command.
const Command* find_command(std::string_view name);

// "ccp-relogin <name> <synopsis>", for "usage: …" lines. `name` must be in
// the table.
std::string usage_line(std::string_view name);

// The top-level usage: every command with its synopsis and summary, and how
// the browser starts host mode.
std::string usage_text();

}  // namespace ccp_relogin::cli
