#pragma once
// How a configuration problem reads on one line, the same in check-config
// and doctor.
#include <string>

#include "config/config.h"

namespace ccp_relogin::config {

// "path: reason", prefixed with "source: " when `with_source`; a problem
// without a path (a whole file) is always "source: reason"; a problem of the
// merged result (source kMergedSource) is never prefixed.
std::string format_problem(const Problem& problem, bool with_source);

}  // namespace ccp_relogin::config
