#pragma once
// `ccp-relogin relogin` (synopsis: cli/commands.cpp): the helpdesk forces a
// re-login on this machine, through every running host of this user (one per
// browser profile with the extension's port open). Each host lifts the
// profile's loop/back-off stop (the attempt limit stays) and pushes
// `force-relogin` to its extension; without --profile, every profile that
// host has configured.
//
// stdout: one line per host that accepted, "pid 1234: pushed agents-us".
// stderr: one line per host that refused or failed (an unknown profile names
// the configured ones), per stale socket removed, and the sentence
// kNoRunningHost when no host answered.
// Exit 0 if at least one host accepted, 1 otherwise, 2 for a bad command line.
//
// --wait: each host answers once its forced re-logins landed or stopped
// (helpdesk/relogin_watch.h), or at relogin.timeoutSeconds plus a grace;
// stdout then has "pid 1234: landed agents-us" or "pid 1234: stopped
// agents-us (reason)" per profile. Exit 0 only if a host answered and every
// answer was landed. Several hosts are asked one after the other.
// --launch [--browser B] [--config F]: when no host answers, start the browser
// at the profile's sign-in instead (cli/relogin_launch.h).
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cli/relogin_launch.h"

namespace ccp_relogin::cli {

int run_relogin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same against the sockets in `ipc_dir` (tests).
int run_relogin(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
                std::ostream& out, std::ostream& err);
// The same, launching through `environment` (tests).
int run_relogin(const std::vector<std::string>& args, const std::filesystem::path& ipc_dir,
                const LaunchEnvironment& environment, std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
