#pragma once
// `ccp-relogin policy` (synopsis: cli/commands.cpp): the browser policies an
// administrator deploys, filled in from the company's configuration and
// built from the extension's managed schema (host/policy/):
//   --format chrome-linux  the JSON file for /etc/opt/chrome/policies/managed/
//                          (and /etc/chromium/policies/managed/)
//   --format edge-linux    the same for /etc/opt/edge/policies/managed/
//   --format reg           a .reg file for Chrome and Edge on Windows
//   --format admx          ccp-relogin.admx and en-US/ccp-relogin.adml,
//                          written under --out DIR (two files: no stdout form)
//   --format mobileconfig  a macOS configuration profile for Chrome and Edge
//
// The configuration is one file: --config F, else CCP_RELOGIN_CONFIG, else
// the machine file (/etc/ccp-relogin/config.json). It must pass the host's
// validation with at least one profile; otherwise each problem is one line
// on stderr, nothing goes to stdout, and the exit code is 2. The policy
// carries it as the extension's managed configuration, without what only
// files may set (allowedExtensionIds, browserPolicy: left out with a note on stderr). Values the
// agents' hosts refuse from a policy unless their files allow it
// (config/policy_limits.h) are kept and named in a warning.
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli_config.h"

namespace ccp_relogin::cli {

int run_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The same with the configuration sources chosen by `resolve_sources` (tests).
int run_policy(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
               std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
