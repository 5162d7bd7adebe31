#pragma once
// Starting the product's own helper program, ccp-relogin-network (the only
// process that links libcurl, docs/architecture.md "Processes"), in the two
// ways the host needs it:
//  - run_and_capture: doctor runs its network checks there and reads the
//    answer from the child's stdout, within a deadline;
//  - DetachedChild: host mode starts the user's audit forwarder, which
//    reads the log itself and may outlive the host (audit/forward_process.h).
// posix_spawn, not Boost.Process: the host links no Boost libraries, and both
// cases need the same three things (a pipe, closing every other descriptor so
// the browser's pipes never leak into the child, a deadline), a few lines each.
// The child's stderr is ours: what it says reaches the same place ours does.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/posix_fd.h"

namespace ccp_relogin::platform {

struct CapturedRun {
    std::string out;         // at most max_bytes of its stdout
    int exit_code = -1;      // -1: killed, or ended by a signal
    bool timed_out = false;  // killed at the deadline
    bool too_large = false;  // stdout passed max_bytes; killed
};

// Runs `program args…` with stdin from /dev/null. Throws std::system_error
// when it cannot be started (missing, not executable).
CapturedRun run_and_capture(const std::filesystem::path& program,
                            const std::vector<std::string>& args, std::size_t max_bytes,
                            std::chrono::milliseconds timeout);

// A child that runs on its own: a session of its own, stdin and stdout
// /dev/null, and our stderr only with `keep_stderr`. It may outlive us;
// never waited for, only collected once it has ended (running(), or when
// the object goes), so it leaves no zombie behind while we run.
class DetachedChild {
  public:
    // Throws std::system_error when it cannot be started.
    DetachedChild(const std::filesystem::path& program, const std::vector<std::string>& args,
                  bool keep_stderr = true);
    DetachedChild(const DetachedChild&) = delete;
    DetachedChild& operator=(const DetachedChild&) = delete;
    ~DetachedChild();

    // False once it has ended.
    bool running();

  private:
    pid_t pid_ = -1;
};

// The helper program's path: beside the running executable.
std::filesystem::path helper_program(std::string_view name);

}  // namespace ccp_relogin::platform
