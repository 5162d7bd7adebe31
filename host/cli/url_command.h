#pragma once
// `ccp-relogin url` (synopsis: cli/commands.cpp): prints the Entra sign-in URL of
// profile P, one line on stdout and nothing else (usable as Streams `loginUrl`).
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_config.h"

namespace ccp_relogin::cli {

// `args` are the arguments after the subcommand name. Exit 0, or 2 on usage
// errors, an unknown or invalid profile (one sentence on `err`).
int run_url(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_url(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
            std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
