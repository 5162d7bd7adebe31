#pragma once
// doctor's checks of the host's local state, pure: the state directory (guard
// state and audit log live there), the guard state file, and the helpdesk
// socket directory with the hosts answering on it. The facts are gathered by
// doctor/probe_state.h.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

struct StateDirFacts {
    std::filesystem::path dir;  // empty when no state directory can be named
    std::string dir_error;      // then: why (one sentence from platform::state_dir)
    bool exists = false;
    bool writable = false;  // exists: a file could be created; else: its nearest parent is writable
    std::filesystem::path nearest_existing;  // !exists: the parent that would hold it
    std::string write_error;                 // !writable: why
    // exists: platform::dir_problem's sentence when the host would refuse it
    // (a symlink, another user's, writable by others).
    std::optional<std::string> unsafe;
};

struct GuardFileFacts {
    enum class State { kAbsent, kPresent, kUnreadable };
    std::filesystem::path path;
    State state = State::kAbsent;
    std::string content;  // kPresent
    std::string problem;  // kUnreadable
};

struct HelpdeskFacts {
    std::filesystem::path ipc_dir;
    bool dir_exists = false;
    std::optional<std::string> dir_problem;          // helpdesk::dir_problem's sentence
    std::optional<std::string> socket_path_problem;  // helpdesk::socket_path_problem's sentence
    std::vector<long> answering_pids;                // hosts that replied to "status"
    std::vector<std::string> failures;               // "pid N: …" for hosts that didn't
};

CheckResult evaluate_state_dir(const StateDirFacts& facts);

// `now_ms`: wall clock, to tell current loop stops from expired ones.
CheckResult evaluate_guard_file(const GuardFileFacts& facts, int64_t now_ms);

CheckResult evaluate_helpdesk(const HelpdeskFacts& facts);

}  // namespace ccp_relogin::doctor
