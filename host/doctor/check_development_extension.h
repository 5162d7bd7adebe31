#pragma once
// doctor's line on the development extension (config/development_trust.h):
// whether the host accepts the ID that any unpacked copy of extension/ has,
// and why. A development build saying so is expected; a release build told
// to by a marker warns, as on an agent's machine it lets any unpacked
// extension call the host.
#include "config/development_trust.h"
#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

// Pure.
CheckResult evaluate_development_extension(const config::DevelopmentExtensionTrust& trust);

}  // namespace ccp_relogin::doctor
