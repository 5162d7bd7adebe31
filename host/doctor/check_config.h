#pragma once
// doctor's configuration check: the same sources and merge as host mode and
// check-config (config/loader.h), judged for a helpdesk: a configuration
// without a usable profile fails; problems that only dropped parts warn.
// The browser policy is not visible here (only the extension passes it in
// `hello`), so the summary names the files it read.
#include "config/loader.h"
#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

// Pure. `sources` are the places looked at, `loaded` what load_config made of them.
CheckResult evaluate_config(const config::ConfigSources& sources,
                            const config::LoadedConfig& loaded);

}  // namespace ccp_relogin::doctor
