#pragma once
// Runs a step that may hang (an open() of a FIFO, a lock nobody releases) in
// a forked child with an alarm, so a hang fails the test instead of hanging
// the test binary. The limit is a safety net, not a measure of speed: it is
// far above what the step needs.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

namespace ccp_relogin::testing {

inline constexpr unsigned kChildLimitSeconds = 30;

// In a step: a check that fails throws, since the child's gtest assertions
// would not reach the parent.
inline void require(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error(what);
}

// Success when `step` returned in the child; failure when it threw, or hung
// and was ended by SIGALRM after kChildLimitSeconds.
inline ::testing::AssertionResult finishes_in_child(const std::function<void()>& step) {
    const pid_t pid = ::fork();
    if (pid < 0) return ::testing::AssertionFailure() << "fork failed";
    if (pid == 0) {
        ::alarm(kChildLimitSeconds);
        int status = 0;
        try {
            step();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "in the child: %s\n", e.what());
            status = 1;
        } catch (...) {
            status = 1;
        }
        ::_exit(status);  // no gtest teardown in the child
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return ::testing::AssertionFailure() << "waitpid failed";
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        return ::testing::AssertionFailure()
               << "hung: still running after " << kChildLimitSeconds << " s";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return ::testing::AssertionFailure()
               << "the step failed in the child (its stderr says why)";
    return ::testing::AssertionSuccess();
}

}  // namespace ccp_relogin::testing
