#include "config/problem_text.h"

#include "config/layers.h"

namespace ccp_relogin::config {

std::string format_problem(const Problem& problem, bool with_source) {
    if (problem.path.empty()) return problem.source + ": " + problem.reason;
    const std::string line = problem.path + ": " + problem.reason;
    if (!with_source || problem.source == kMergedSource) return line;
    return problem.source + ": " + line;
}

}  // namespace ccp_relogin::config
