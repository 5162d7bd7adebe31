#include "doctor/probe_state.h"

#include <optional>
#include <string>
#include <system_error>

#include "base/random_source.h"
#include "guard/state_store.h"
#include "helpdesk/client.h"
#include "helpdesk/socket_dir.h"
#include "platform/files.h"
#include "platform/paths.h"
#include "platform/private_dir.h"

namespace ccp_relogin::doctor {
namespace {

namespace fs = std::filesystem;

// Linux's largest pid (pid_max can't exceed 2^22): the longest socket name a host may use.
constexpr long kLargestPid = 4194304;

// Judged as the host judges it, for this user: root gets no exception.
std::optional<std::string> unsafe_dir_problem(const fs::path& dir) {
    try {
        return platform::private_dir_problem(dir, "the state directory");
    } catch (const std::system_error& e) {
        return std::string(e.what());
    }
}

// Whether a file can be created in `dir`, by creating one and removing it:
// permission bits and ACLs answer for who asks and ignore read-only
// mounts; trying answers for this process. Why not, or nullopt.
std::optional<std::string> write_problem(const fs::path& dir) {
    const auto probe = dir / (".doctor-" + base::new_correlation_id());
    try {
        platform::create_fresh_file(probe);
    } catch (const std::system_error& e) {
        return e.code().message();
    } catch (const platform::FileProblem& e) {
        return std::string(e.what());
    }
    std::error_code ignored;
    fs::remove(probe, ignored);
    return std::nullopt;
}

}  // namespace

StateDirFacts probe_state_dir() {
    try {
        return probe_state_dir(platform::state_dir());
    } catch (const std::exception& e) {
        StateDirFacts facts;
        facts.dir_error = e.what();
        return facts;
    }
}

StateDirFacts probe_state_dir(const fs::path& dir) {
    StateDirFacts facts;
    facts.dir = dir;
    std::error_code ec;
    facts.exists = fs::is_directory(dir, ec);
    if (facts.exists) facts.unsafe = unsafe_dir_problem(dir);
    if (facts.exists) {
        const auto problem = write_problem(dir);
        facts.writable = !problem;
        facts.write_error = problem.value_or("");
        return facts;
    }
    fs::path parent = dir.parent_path();
    while (!parent.empty() && !fs::exists(parent, ec) && parent != parent.root_path())
        parent = parent.parent_path();
    facts.nearest_existing = parent;
    const auto problem = parent.empty() ? std::optional<std::string>("no folder of it exists")
                                        : write_problem(parent);
    facts.writable = !problem;
    facts.write_error = problem.value_or("");
    return facts;
}

GuardFileFacts read_guard_file(const fs::path& state_dir) {
    GuardFileFacts facts;
    facts.path = state_dir / guard::StateStore::kStateFileName;
    platform::OpenFile file;
    try {
        // As the host opens it: a FIFO there must not hang doctor either.
        file = platform::open_own_file(facts.path, platform::FileAccess::kRead);
    } catch (const std::system_error& e) {
        if (e.code() == std::errc::no_such_file_or_directory ||
            e.code() == std::errc::not_a_directory)
            return facts;
        facts.state = GuardFileFacts::State::kUnreadable;
        facts.problem = e.code().message();
        return facts;
    } catch (const platform::FileProblem& e) {
        facts.state = GuardFileFacts::State::kUnreadable;
        facts.problem = e.what();
        return facts;
    }
    try {
        const auto size = file.size();
        if (size > guard::StateStore::kMaxFileBytes) {
            facts.state = GuardFileFacts::State::kUnreadable;
            facts.problem =
                "larger than " + std::to_string(guard::StateStore::kMaxFileBytes) + " bytes";
            return facts;
        }
        facts.content = file.read_at(0, static_cast<std::size_t>(size));
    } catch (const std::system_error& e) {
        facts.state = GuardFileFacts::State::kUnreadable;
        facts.problem = e.code().message();
        return facts;
    }
    facts.state = GuardFileFacts::State::kPresent;
    return facts;
}

HelpdeskFacts probe_helpdesk(const fs::path& state_dir) {
    HelpdeskFacts facts;
    facts.ipc_dir = helpdesk::ipc_dir_of(state_dir);
#ifndef _WIN32
    // A Unix socket's path has a length limit; a pipe's name doesn't depend on it.
    facts.socket_path_problem = helpdesk::socket_path_problem(
        helpdesk::socket_path_for(facts.ipc_dir, kLargestPid), helpdesk::max_socket_path_bytes());
#endif
    try {
        std::error_code ec;
        facts.dir_exists = fs::exists(fs::symlink_status(facts.ipc_dir, ec));
        if (!facts.dir_exists) return facts;
        facts.dir_problem = platform::private_dir_problem(
            facts.ipc_dir, "the helpdesk socket directory", /*allow_admin_for_others=*/true);
        if (facts.dir_problem) return facts;
        for (const auto& answer : helpdesk::ask_every_host(facts.ipc_dir, {{"type", "status"}})) {
            using Outcome = helpdesk::HostAnswer::Outcome;
            if (answer.outcome == Outcome::kReplied)
                facts.answering_pids.push_back(answer.pid);
            else if (answer.outcome == Outcome::kFailed)
                facts.failures.push_back("pid " + std::to_string(answer.pid) + ": " +
                                         answer.problem);
        }
    } catch (const helpdesk::HelpdeskUnavailable& e) {
        facts.dir_problem = e.what();
    } catch (const std::system_error& e) {
        facts.dir_problem = e.what();
    }
    return facts;
}

}  // namespace ccp_relogin::doctor
