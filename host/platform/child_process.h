#pragma once
// Starting the product's own helper program, ccp-relogin-network (the only
// process that links libcurl, docs/architecture.md "Processes"), in the two
// ways the host needs it:
//  - run_and_capture: doctor runs its network checks there and reads the
//    answer from the child's stdout, within a deadline;
//  - InputChild: host mode streams audit lines to the forwarder's stdin and
//    never waits for it.
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

#include "platform/posix_files.h"

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

// A child reading lines from a channel we hold (its stdin); its stdout is
// /dev/null.
class InputChild {
  public:
    // Throws std::system_error when it cannot be started.
    InputChild(const std::filesystem::path& program, const std::vector<std::string>& args);
    InputChild(InputChild&&) = default;
    InputChild& operator=(InputChild&&) = default;
    // Closes its input (the child sees end of file and finishes by itself) and
    // collects it if it has already ended; never waits for it.
    ~InputChild();

    // Writes all of `text`, or nothing when the channel is full; never waits
    // for long (a line begun is given 200 ms to finish, then the child is
    // given up). false: full, or the child is gone.
    bool write_without_waiting(std::string_view text);
    // True until write_without_waiting found the child gone.
    bool alive() const { return input_.ok(); }

  private:
    UniqueFd input_;
    pid_t pid_ = -1;
};

// The helper program's path: beside the running executable.
std::filesystem::path helper_program(std::string_view name);

}  // namespace ccp_relogin::platform
