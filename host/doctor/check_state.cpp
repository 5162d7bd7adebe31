#include "doctor/check_state.h"

#include "audit/audit_log.h"
#include "base/text.h"
#include "guard/guard_state.h"
#include "helpdesk/running_hosts.h"

namespace ccp_relogin::doctor {

CheckResult evaluate_state_dir(const StateDirFacts& facts) {
    CheckResult result{"state dir", Status::kOk, "", "", {}};
    if (facts.dir.empty()) {
        result.status = Status::kFail;
        result.summary = facts.dir_error;
        result.fix = "set HOME, or CCP_RELOGIN_STATE_DIR to an absolute directory";
        return result;
    }
    const std::string dir = facts.dir.string();
    if (facts.unsafe) {
        result.status = Status::kFail;
        result.summary =
            *facts.unsafe +
            "; the host refuses it, so it cannot keep loop protection or the audit log";
        result.fix =
            "as printed above, or set CCP_RELOGIN_STATE_DIR to a directory of this user "
            "that nobody else can write";
        return result;
    }
    if (facts.exists && facts.writable) {
        result.summary = dir + " is writable";
        return result;
    }
    if (!facts.exists && facts.writable) {
        result.summary = dir + " does not exist yet; the host creates it on its first run";
        return result;
    }
    result.status = Status::kFail;
    const std::string where = facts.exists ? dir : facts.nearest_existing.string();
    result.summary = (facts.exists ? dir + " is not writable"
                                   : dir + " cannot be created: " + where + " is not writable") +
                     (facts.write_error.empty() ? "" : " (" + facts.write_error + ")") +
                     "; the host cannot keep loop protection or the audit log";
    result.fix = "give this user write access to " + where +
                 ", or set CCP_RELOGIN_STATE_DIR to a writable directory";
    return result;
}

CheckResult evaluate_guard_file(const GuardFileFacts& facts, int64_t now_ms) {
    CheckResult result{"guard state", Status::kOk, "", "", {}};
    const std::string path = facts.path.string();
    switch (facts.state) {
        case GuardFileFacts::State::kAbsent:
            result.summary = "no sign-in recorded yet (" + path + " does not exist)";
            return result;
        case GuardFileFacts::State::kUnreadable:
            result.status = Status::kWarn;
            result.summary = path + " cannot be read (" + facts.problem +
                             "); the host starts fresh, without loop-protection history";
            result.fix = "remove " + path;
            return result;
        case GuardFileFacts::State::kPresent:
            break;
    }
    const auto state = guard::parse_state(facts.content);
    if (!state) {
        result.status = Status::kWarn;
        result.summary =
            path + " is corrupt; the host starts fresh, without loop-protection history";
        result.fix =
            "nothing needed (the next sign-in replaces it); remove " + path + " to silence this";
        return result;
    }
    std::vector<std::string> stopped;
    for (const auto& [name, record] : state->profiles) {
        if (!record.stopped || record.stopped->untilMs <= now_ms) continue;
        stopped.push_back(name);
        result.details.push_back(base::printable_ascii(name) + ": stopped (" +
                                 base::printable_ascii(record.stopped->reason) + ") until " +
                                 audit::iso8601_utc(record.stopped->untilMs) + ": " +
                                 helpdesk::terminal_text(record.stopped->diagnosis));
    }
    result.summary = std::to_string(state->profiles.size()) + " profile(s) recorded in " + path;
    if (!stopped.empty()) {
        result.status = Status::kWarn;
        result.summary += "; automatic re-login is stopped for " + std::to_string(stopped.size()) +
                          " profile(s) after a login loop";
        result.fix = "fix the cause named above, then: ccp-relogin relogin --profile " +
                     base::printable_ascii(stopped.front()) + " (with the browser open)";
    }
    return result;
}

CheckResult evaluate_helpdesk(const HelpdeskFacts& facts) {
    CheckResult result{"helpdesk", Status::kOk, "", "", facts.failures};
    const auto problem = facts.dir_problem ? facts.dir_problem : facts.socket_path_problem;
    if (problem) {
        // Re-login works without the socket; only relogin/status can't reach the host.
        result.status = Status::kWarn;
        result.summary = *problem + "; hosts run without the helpdesk socket";
        result.fix = "as printed above; then restart the browser";
        return result;
    }
    if (facts.answering_pids.empty()) {
        result.summary = "no host is running now (normal while the browser is closed)";
        return result;
    }
    std::string pids;
    for (auto pid : facts.answering_pids) pids += (pids.empty() ? "" : ", ") + std::to_string(pid);
    result.summary = std::to_string(facts.answering_pids.size()) + " running host(s) answer on " +
                     facts.ipc_dir.string() + " (pid " + pids +
                     "); ccp-relogin status shows their state";
    return result;
}

}  // namespace ccp_relogin::doctor
