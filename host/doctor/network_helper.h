#pragma once
// doctor's network, clock and signing-certificate checks run in
// ccp-relogin-network, the one program of the product that links libcurl
// (docs/architecture.md, "Processes"): `ccp-relogin-network probe [--config F]`
// prints their results as doctor's JSON array, and this reads it back.
// Whatever goes wrong on the way (the helper missing, killed, too slow,
// printing something else) becomes one failing "network" line that says so.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

// The network part of doctor for a configuration: in production the helper
// program, in tests network::probe_network with a substitute fetcher.
using NetworkChecks = std::function<std::vector<CheckResult>(const config::Config&)>;

inline constexpr const char* kNetworkProgram = "ccp-relogin-network";
// The helper's own budget for all requests is 30 s (network/probe_network.h);
// this leaves it time to start and print.
inline constexpr std::chrono::milliseconds kNetworkHelperDeadline{40'000};

// Runs `program probe [--config F]`.
NetworkChecks network_checks_in_helper(std::filesystem::path program,
                                       std::optional<std::filesystem::path> config_file,
                                       std::chrono::milliseconds deadline = kNetworkHelperDeadline);

// Pure: what the helper's run means. `exit_code` -1: it did not end by itself.
std::vector<CheckResult> read_helper_results(const std::string& program, int exit_code,
                                             bool timed_out, const std::string& out);

}  // namespace ccp_relogin::doctor
