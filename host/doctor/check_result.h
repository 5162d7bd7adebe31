#pragma once
// `ccp-relogin doctor` runs a list of checks; this header is what each check
// produces. A check is pure where it can be: the doctor_*.h headers separate
// gathering facts (files, sockets, the network) from judging them, and the
// judging functions return CheckResults.
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::doctor {

enum class Status {
    kOk,    // works
    kWarn,  // works, or may, but deserves a look
    kFail,  // re-login cannot work this way: exit 1
    kSkip,  // not checked (offline, nothing to check, an earlier check failed)
};

// "ok" | "warn" | "fail" | "skip"
std::string_view to_string(Status status);

struct CheckResult {
    std::string name;  // "config", "manifest chrome (user)", …
    Status status = Status::kOk;
    std::string summary;               // one sentence, plain words
    std::string fix;                   // what to do; empty when nothing is to do
    std::vector<std::string> details;  // extra lines (e.g. each config problem)
};

}  // namespace ccp_relogin::doctor
