#pragma once
// `ccp-relogin check-config` (synopsis: cli/commands.cpp): validates every configuration source
// and the merged result.
//   exit 0: one "ok" line on stderr, nothing on stdout;
//   exit 2: one line per problem on stdout, grouped by source, highest first:
//           - "path: reason" when at most one source was read;
//           - "<source>: path: reason" when several were read, so the line says
//             which file to fix ("/etc/ccp-relogin/config.json: profiles[0].instance.id: not a
//             UUID");
//           - "<file>: reason" for a whole file (not found, unreadable, too
//             large, not JSON), whatever the number of sources;
//           - "profiles: no profile configured" (a problem of the merged result)
//             is never prefixed.
// The browser policy is not read here (only the extension can pass it); the
// host checks it when the extension says hello.
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_config.h"

namespace ccp_relogin::cli {

int run_check_config(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_check_config(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
                     std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
