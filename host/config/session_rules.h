#pragma once
// How the session settings relate to each other, checked on the merged
// configuration: a pre-emptive refresh must start before the session ends,
// and its random spread must stay within that lead. Each value alone is
// checked per source (validate.cpp); the three may come from different
// sources or the defaults, so only the merge can tell whether they fit.
#include <vector>

#include "config/config.h"

namespace ccp_relogin::config {

// Reports each rule broken (source "merged") and falls back to the safe
// value: no pre-emptive refresh (refreshBeforeSeconds 0) when the lead is not
// shorter than the session, no spread (refreshJitterSeconds 0) when the
// spread is not shorter than the lead. maxSeconds is a fact about Connect, so
// it is never the one changed.
void enforce_session_rules(Session& session, std::vector<Problem>& problems);

}  // namespace ccp_relogin::config
