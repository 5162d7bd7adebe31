#pragma once
// `ccp-relogin doctor` (synopsis: cli/commands.cpp): what a helpdesk runs on
// an agent's machine to learn why re-login doesn't work, in plain words with
// the fix.
//
// The checks and their order: doctor/run_checks.h. The network part runs in
// ccp-relogin-network (doctor/network_helper.h); there each request waits at
// most 5 s and all of them together at most 30 s; what is left then is
// skipped.
//
// stdout: the report (or, with --json, one JSON array). Exit 0 when no check
// failed, 1 when one did, 2 for a bad command line.
#include <ostream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "cli/cli_config.h"
#include "doctor/network_helper.h"

namespace ccp_relogin::cli {

// What doctor reads the world through; tests replace the network and time.
struct DoctorContext {
    SourcesResolver resolve_sources = default_sources_resolver();
    // Empty: ccp-relogin-network beside this program, with the same --config.
    doctor::NetworkChecks network;
    const base::Clock* clock = &base::system_clock();
};

int run_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_doctor(const std::vector<std::string>& args, const DoctorContext& context,
               std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
