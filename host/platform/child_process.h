#pragma once
// Starting the product's own helper program, ccp-relogin-network (the only
// process that links libcurl, docs/architecture.md "Processes"), in the two
// ways the host needs it:
//  - run_and_capture: doctor runs its network checks there and reads the
//    answer from the child's stdout, within a deadline;
//  - DetachedChild: host mode starts the user's audit forwarder, which
//    reads the log itself and may outlive the host (audit/forward_process.h).
// posix_spawn (posix_child_process.cpp) and CreateProcessW
// (windows_child_process.cpp), not Boost.Process: the host links no Boost
// libraries, and both cases need the same three things (a pipe, no other
// descriptor or handle of ours in the child so the browser's pipes never leak
// into it, a deadline), a few lines each. The child's stderr is ours: what it
// says reaches the same place ours does.
#ifndef _WIN32
#include <sys/types.h>
#endif

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/system.h"

namespace ccp_relogin::platform {

struct CapturedRun {
    std::string out;         // at most max_bytes of its stdout
    int exit_code = -1;      // -1: killed, or ended by a signal
    bool timed_out = false;  // killed at the deadline
    bool too_large = false;  // stdout passed max_bytes; killed
};

// Runs `program args…` with stdin from /dev/null (NUL on Windows). Throws
// std::system_error when it cannot be started (missing, not executable). On
// Windows the arguments are UTF-8 and the child, and whatever it starts,
// runs in a job of its own that ends with the call.
CapturedRun run_and_capture(const std::filesystem::path& program,
                            const std::vector<std::string>& args, std::size_t max_bytes,
                            std::chrono::milliseconds timeout);

// A child that runs on its own: a session of its own (on Windows: no
// console, a process group of its own, out of our job where the job allows
// it), stdin and stdout /dev/null (NUL), and our stderr only with
// `keep_stderr`. It may outlive us; never waited for, only collected once it
// has ended (running(), or when the object goes), so it leaves no zombie
// (no process handle) behind while we run.
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
#ifdef _WIN32
    void* process_ = nullptr;  // its HANDLE (windows.h stays out of this header)
#else
    pid_t pid_ = -1;
#endif
};

// The helper program's path: beside the running executable, `name` with
// ".exe" on Windows (helper_file_name).
std::filesystem::path helper_program(std::string_view name);

// Pure: the helper's file name on `system`.
std::string helper_file_name(std::string_view name, System system);

}  // namespace ccp_relogin::platform
