#pragma once
// The I/O half of doctor's network checks: the HTTPS requests to every
// endpoint a re-login passes through and to each Entra app's federation
// metadata, within one time budget, collecting the servers' clocks on the
// way. What each answer means is judged by check_network.h,
// check_certificate.h and check_clock.h.
#include <chrono>
#include <vector>

#include "base/clock.h"
#include "config/config.h"
#include "doctor/check_result.h"
#include "network/probe_http.h"

namespace ccp_relogin::network {

// All of doctor's requests together wait at most this long.
inline constexpr std::chrono::milliseconds kNetworkBudget{30000};

struct NetworkProbe {
    Fetcher fetch;  // empty: the real libcurl fetch (probe_http.h)
    const base::Clock* clock = &base::system_clock();
    std::chrono::milliseconds budget = kNetworkBudget;
};

// One line per endpoint, then "clock", then one per Entra app's signing
// certificate. What the budget no longer allows is skipped, saying so.
std::vector<doctor::CheckResult> probe_network(const config::Config& config,
                                               const NetworkProbe& probe);

}  // namespace ccp_relogin::network
