#pragma once
// `ccp-relogin relay-state` (synopsis: cli/commands.cpp): prints the AWS relay
// state URL of profile P, one line on stdout and nothing else.
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_config.h"

namespace ccp_relogin::cli {

int run_relay_state(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_relay_state(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
                    std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
