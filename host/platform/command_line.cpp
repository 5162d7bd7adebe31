#include "platform/command_line.h"

#include <stdexcept>

namespace ccp_relogin::platform {
namespace {

bool needs_quotes(std::string_view argument) {
    return argument.empty() || argument.find_first_of(" \t\n\v\"") != std::string_view::npos;
}

}  // namespace

std::string quote_windows_argument(std::string_view argument) {
    if (argument.find('\0') != std::string_view::npos)
        throw std::invalid_argument("a command-line argument cannot contain a NUL character");
    if (!needs_quotes(argument)) return std::string(argument);
    std::string quoted = "\"";
    std::size_t backslashes = 0;
    for (const char c : argument) {
        if (c == '\\') {
            ++backslashes;
            continue;
        }
        // Before a quote, each backslash is doubled and one more escapes the
        // quote itself; before anything else they stand for themselves.
        quoted.append(c == '"' ? 2 * backslashes + 1 : backslashes, '\\');
        quoted += c;
        backslashes = 0;
    }
    // The closing quote follows them: doubled, so it still closes.
    quoted.append(2 * backslashes, '\\');
    quoted += '"';
    return quoted;
}

std::string windows_command_line(std::string_view program, const std::vector<std::string>& args) {
    if (program.empty() ||
        program.find_first_of(std::string_view("\"\0", 2)) != std::string_view::npos)
        throw std::invalid_argument("a program path must be non-empty, without quotes or NULs");
    std::string line = "\"" + std::string(program) + "\"";
    for (const auto& argument : args) line += " " + quote_windows_argument(argument);
    return line;
}

}  // namespace ccp_relogin::platform
