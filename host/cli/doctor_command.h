#pragma once
// `ccp-relogin doctor` (synopsis: cli/commands.cpp): what a helpdesk runs on
// an agent's machine to learn why re-login doesn't work, in plain words with
// the fix.
//
// The checks and their order: doctor/run_checks.h. Each request waits at most
// 5 s and all of them together at most kNetworkBudget; what is left then is
// skipped.
//
// stdout: the report (or, with --json, one JSON array). Exit 0 when no check
// failed, 1 when one did, 2 for a bad command line.
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "cli/cli_config.h"
#include "doctor/probe_network.h"

namespace ccp_relogin::cli {

using doctor::kNetworkBudget;

// What doctor reads the world through; tests replace the network and time.
struct DoctorContext {
    SourcesResolver resolve_sources = default_sources_resolver();
    doctor::Fetcher fetch;  // empty: the real libcurl fetch
    const base::Clock* clock = &base::system_clock();
    std::chrono::milliseconds network_budget = kNetworkBudget;
};

int run_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_doctor(const std::vector<std::string>& args, const DoctorContext& context,
               std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
