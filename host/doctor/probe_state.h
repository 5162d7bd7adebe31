#pragma once
// The I/O half of doctor's local-state checks (doctor/check_state.h): looks at the
// state directory, reads the guard state file, asks the running hosts.
// Creates nothing but a probe file it removes at once; the helpdesk query
// removes stale sockets of killed hosts, as `status` does.
#include <filesystem>

#include "doctor/check_state.h"

namespace ccp_relogin::doctor {

StateDirFacts probe_state_dir();  // platform::state_dir() of this process
StateDirFacts probe_state_dir(const std::filesystem::path& dir);

GuardFileFacts read_guard_file(const std::filesystem::path& state_dir);

HelpdeskFacts probe_helpdesk(const std::filesystem::path& state_dir);

}  // namespace ccp_relogin::doctor
