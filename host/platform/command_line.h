#pragma once
// A Windows process gets its arguments as one string, its command line, which
// the child splits back into argv itself (its C runtime before main, or
// CommandLineToArgvW). CreateProcessW takes that one string, so our
// arguments must be written so that the split gives each back exactly: a
// space, a quote or a backslash in a path or a URL must not become two
// arguments or lose a character. Windows has no function that quotes (the
// parsing side is its only documented half), hence these few lines. Pure:
// tested on every system (platform_command_line_test.cpp) and on Windows
// against CommandLineToArgvW and a real child's argv
// (windows_child_process_test.cpp).
//
// The splitting rules, as CommandLineToArgvW and the C runtime apply them to
// every argument after the first:
//  - arguments are separated by spaces and tabs outside quotes;
//  - a quote starts or ends a quoted part (it is not part of the argument);
//  - 2n backslashes before a quote are n backslashes, and the quote is one
//    of the above; 2n+1 backslashes before a quote are n backslashes and a
//    literal quote;
//  - backslashes anywhere else are themselves.
// The first argument, the program, is read differently: up to the next
// quote if it starts with one, else up to the first space or tab, with no
// backslash rule at all.
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::platform {

// `argument` as the rules above read it back: as it is when it has nothing
// they treat specially (not empty, no space, tab, newline, vertical tab or
// quote), else in quotes with every quote and the backslashes before it (and
// those at the end, before the closing quote) escaped. Throws
// std::invalid_argument for a NUL, which a command line cannot hold.
std::string quote_windows_argument(std::string_view argument);

// The whole command line: the program in quotes (Windows paths cannot
// contain one), then each argument quoted as above, separated by spaces.
// Throws std::invalid_argument for an empty program, or one with a quote or
// a NUL. UTF-8 in, UTF-8 out: the rules touch only ASCII characters, which
// UTF-8 never uses inside a multi-byte character, so they apply to the UTF-8
// text as they do to its UTF-16 form.
std::string windows_command_line(std::string_view program, const std::vector<std::string>& args);

}  // namespace ccp_relogin::platform
