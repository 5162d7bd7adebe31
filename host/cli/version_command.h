#pragma once
// `ccp-relogin version`: the version, the build, and the versions of the
// libraries linked in (what a helpdesk pastes into a ticket).
#include <ostream>

namespace ccp_relogin::cli {
int run_version(std::ostream& out);
}
