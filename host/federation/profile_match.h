#pragma once
// Which profile a page belongs to. Deterministic; the rules are spelled out in
// profile_match.cpp's comment block (also copied into README.md).
#include <string_view>

#include "config/config.h"

namespace ccp_relogin::federation {

// nullptr when the page belongs to no configured profile. `page_url` is
// untrusted (reported by a web page): it only ever selects a profile.
const config::Profile* match_profile(const config::Config& config, std::string_view page_url);

// True when `page_url` is a page of some Connect instance, configured or not:
// a host of rule a or b, or the federate URL on an AWS console host (rule c),
// at any port. Such a page names its instance; when no profile matches it,
// the page around it (a custom CCP's tab) must not choose one instead.
bool is_connect_page(std::string_view page_url);

}  // namespace ccp_relogin::federation
