#include "messaging/reserve_stdout.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <system_error>

#include "messaging/binary_stdio.h"

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace ccp_relogin::messaging {
namespace {

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

BrowserPort reserve_stdout_for_frames() {
    // Whatever is buffered so far belongs to the old stdout; nothing should be,
    // but flushing keeps it from leaking into a frame later.
    std::cout.flush();
    std::fflush(stdout);

#ifdef _WIN32
    use_binary_stdio();
    const int frames = ::_dup(1);
    if (frames == -1) fail("duplicating stdout");
    if (::_dup2(2, 1) == -1) fail("pointing stdout at stderr");
    // Text mode would turn \n into \r\n inside frames, and a dup does not
    // keep the mode for certain (binary_stdio.h): set again on the copy the
    // frames go to. Descriptor 1 is stderr's now, text as stray output may be.
    set_binary_mode(frames);
    return {::_fileno(stdin), frames};
#else
    std::signal(SIGPIPE, SIG_IGN);
    // Close-on-exec: a helper process we might start must not hold the port.
    const int frames = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (frames == -1) fail("duplicating stdout");
    if (::dup2(STDERR_FILENO, STDOUT_FILENO) == -1) fail("pointing stdout at stderr");
    return {STDIN_FILENO, frames};
#endif
}

}  // namespace ccp_relogin::messaging
