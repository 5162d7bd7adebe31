#pragma once
// What `relogin` and `status` share: finding this user's running hosts
// through their helpdesk sockets (helpdesk/client.h), and saying so
// clearly when there are none.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>
#include <vector>

#include "helpdesk/client.h"

namespace ccp_relogin::helpdesk {

inline constexpr const char* kNoRunningHost =
    "no running ccp-relogin host: is Chrome/Edge open with the extension installed and enabled?";

// `<state_dir>/ipc` of this user (CCP_RELOGIN_STATE_DIR honoured). Throws
// std::runtime_error if no state directory can be found.
std::filesystem::path default_ipc_dir();

// Sends `request` to every host socket in `ipc_dir` and returns the hosts
// that replied. Stale sockets (removed) and hosts that failed to answer get
// one line each on `err` ("ccp-relogin <command>: pid N: …"). Throws
// helpdesk::HelpdeskUnavailable if the directory is unsafe.
// `timeout`: per host, for its whole answer (relogin --wait waits long).
std::vector<helpdesk::HostAnswer> ask_running_hosts(
    std::string_view command, const std::filesystem::path& ipc_dir, const nlohmann::json& request,
    std::ostream& err, std::chrono::milliseconds timeout = kClientTimeout);

// A host's text (message, diagnosis) made safe for a terminal line.
std::string terminal_text(const nlohmann::json& value);

}  // namespace ccp_relogin::helpdesk
