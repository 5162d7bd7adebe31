#include "config/probe_status.h"

#include <algorithm>

namespace ccp_relogin::config {

std::vector<int> statuses_in_both(const std::optional<std::vector<int>>& signed_in,
                                  const std::vector<int>& signed_out) {
    const auto means_signed_in = [&](int status) {
        if (!signed_in) return status >= 200 && status <= 299;
        return std::find(signed_in->begin(), signed_in->end(), status) != signed_in->end();
    };
    std::vector<int> both;
    for (int status : signed_out)
        if (means_signed_in(status) && std::find(both.begin(), both.end(), status) == both.end())
            both.push_back(status);
    return both;
}

std::string statuses_in_both_reason(const std::vector<int>& overlap, bool signed_in_is_any_2xx) {
    std::string listed;
    for (int status : overlap) listed += (listed.empty() ? "" : ", ") + std::to_string(status);
    const std::string why = signed_in_is_any_2xx
                                ? " also signed in (every 2xx is, while signedInStatus is not set)"
                                : " also in signedInStatus";
    return listed + why + ": a status cannot mean both signed in and signed out";
}

}  // namespace ccp_relogin::config
