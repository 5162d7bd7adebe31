#include "config/session_rules.h"

#include <string>

#include "config/layers.h"

namespace ccp_relogin::config {
namespace {

void report(std::vector<Problem>& problems, const char* key, std::string reason) {
    problems.push_back(Problem{kMergedSource, std::string("session.") + key, std::move(reason)});
}

}  // namespace

void enforce_session_rules(Session& session, std::vector<Problem>& problems) {
    if (session.refreshBeforeSeconds >= session.maxSeconds) {
        report(problems, "refreshBeforeSeconds",
               std::to_string(session.refreshBeforeSeconds) +
                   " must be less than session.maxSeconds (" + std::to_string(session.maxSeconds) +
                   "); pre-emptive refresh is off until it is");
        session.refreshBeforeSeconds = 0;
    }
    if (session.refreshBeforeSeconds > 0 &&
        session.refreshJitterSeconds >= session.refreshBeforeSeconds) {
        report(problems, "refreshJitterSeconds",
               std::to_string(session.refreshJitterSeconds) +
                   " must be less than session.refreshBeforeSeconds (" +
                   std::to_string(session.refreshBeforeSeconds) +
                   "); no spread is used until it is");
        session.refreshJitterSeconds = 0;
    }
}

}  // namespace ccp_relogin::config
