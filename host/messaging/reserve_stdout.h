#pragma once
// Keeps stdout for protocol frames only. In host mode anything stray on stdout
// (a library's diagnostic, a forgotten print) would be read by the browser as a
// frame length and break the port. So, first thing in host mode, the real
// stdout is duplicated to a private descriptor that only the FrameWriter uses,
// and descriptor 1 is pointed at stderr, where stray output is harmless.

namespace ccp_relogin::messaging {

// The descriptors of the browser port after stdout has been reserved.
struct BrowserPort {
    int input;   // frames from the browser (stdin)
    int output;  // frames to the browser (the private copy of the old stdout)
};

// Reserves stdout as described above, ignores SIGPIPE (a closed port must be an
// EPIPE the writer handles, not a signal that kills the host), and on Windows
// puts both frame descriptors in binary mode. Throws std::system_error if a
// descriptor can't be duplicated. Call once, before anything else prints.
BrowserPort reserve_stdout_for_frames();

}  // namespace ccp_relogin::messaging
