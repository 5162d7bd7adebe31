#pragma once
// `ccp-relogin install` / `uninstall` (synopses: cli/commands.cpp): write or
// remove the native-messaging host manifest where the chosen browsers look.
//
// stdout: one line per manifest written or removed. Errors: one sentence on
// stderr; exit 2 for usage, 1 for a runtime failure, 0 otherwise.
#include <ostream>
#include <string>
#include <vector>

namespace ccp_relogin::cli {

// `args` are the arguments after the subcommand name.
int run_install(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_uninstall(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
