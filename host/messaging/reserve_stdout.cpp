#include "messaging/reserve_stdout.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <system_error>

#ifdef _WIN32
#include <fcntl.h>
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
    const int frames = ::_dup(1);
    if (frames == -1) fail("duplicating stdout");
    if (::_dup2(2, 1) == -1) fail("pointing stdout at stderr");
    // Text mode would turn \n into \r\n inside frames, and _dup2 resets the
    // mode, so binary mode is set after it.
    if (::_setmode(::_fileno(stdin), _O_BINARY) == -1) fail("setting stdin to binary mode");
    if (::_setmode(frames, _O_BINARY) == -1) fail("setting the frame output to binary mode");
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
