#pragma once
// Where to bring the agent back after a re-login.
#include <string>
#include <string_view>

#include "config/config.h"

namespace ccp_relogin::federation {

// `reported` is the custom-CCP URL a page reported (untrusted, may be empty).
// Returns, in order of preference:
//   1. the reported page, if it is https on the same host and port as a
//      `returnTo` entry and its path is that entry's path or below it — rebuilt
//      as the entry's origin + the reported path, without the reported query or
//      fragment (page-controlled data; an allowlisted page may carry open
//      redirect parameters such as ?next=); when the path equals the entry's
//      path, the entry itself (with its configured query);
//   2. returnTo[0];
//   3. the Connect destination URL (relay_state.h: connect_destination_url).
std::string choose_return_url(const config::Profile& profile, std::string_view reported);

}  // namespace ccp_relogin::federation
