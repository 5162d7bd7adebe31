#pragma once
// `ccp-relogin status` (synopsis: cli/commands.cpp): what every running host of this user says
// about itself and the loop protection of each configured profile, through
// the helpdesk sockets.
//
// Text (default), per host:
//   pid 1234: extension lgnognmbodadambbbcigkefnngodpege, version 0.1.0, started
//   2024-05-01T12:00:00.000Z
//     development extension lgnognmbodadambbbcigkefnngodpege: not trusted
//     agents-us: 1/3 attempts in the last 900 s; signing in (attempt 1, deadline …)
//     admins-us: 3/3 attempts in the last 900 s; stopped (loop) until …
//       <the diagnosis>
// --json: one JSON array of the hosts' status replies (helpdesk/wire_protocol.h).
// Exit 0 if at least one host answered; 1 (with kNoRunningHost on stderr,
// and "[]" on stdout for --json) if none; 2 for a bad command line.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ccp_relogin::cli {

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same against the sockets in `ipc_dir` (tests).
int run_status(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
               std::ostream& out, std::ostream& err);

// Pure: the text form of one host's status reply (lines ending in "\n").
std::string format_host_status(const nlohmann::json& reply);

}  // namespace ccp_relogin::cli
