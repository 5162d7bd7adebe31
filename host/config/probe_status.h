#pragma once
// The session probe's two status lists must not claim the same status. The
// extension tests signed-out first, so an overlap would quietly turn what the
// administrator called "signed in" into a re-login. Checked on each source
// (validate.cpp) and again on the merged result (layers.cpp), because the
// lists may come from different sources or from the defaults.
#include <optional>
#include <string>
#include <vector>

namespace ccp_relogin::config {

// The statuses of `signed_out` that also mean signed in, in the order of
// `signed_out`, without repeats. A nullopt `signed_in` stands for every 2xx.
std::vector<int> statuses_in_both(const std::optional<std::vector<int>>& signed_in,
                                  const std::vector<int>& signed_out);

// The Problem.reason (at detection.probe.signedOutStatus) for a non-empty
// result of statuses_in_both.
std::string statuses_in_both_reason(const std::vector<int>& overlap, bool signed_in_is_any_2xx);

}  // namespace ccp_relogin::config
