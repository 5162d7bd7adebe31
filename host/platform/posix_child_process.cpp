#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "platform/child_process.h"
#include "platform/posix_fd.h"

extern char** environ;

namespace ccp_relogin::platform {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

struct Pipe {
    UniqueFd read_end;
    UniqueFd write_end;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail(errno, "cannot create a pipe");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// The child gets `child_stdin` and `child_stdout` as fds 0 and 1 (-1:
// /dev/null), our stderr as 2 (or /dev/null), and no other descriptor of
// ours; `own_session`: a session of its own (setsid), out of our process
// group, so what is sent to ours (the browser ending the host) is not sent to it.
pid_t spawn(const std::filesystem::path& program, const std::vector<std::string>& args,
            int child_stdin, int child_stdout, bool own_session = false, bool keep_stderr = true) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const auto wire = [&](int fd, int target) {
        if (fd >= 0)
            posix_spawn_file_actions_adddup2(&actions, fd, target);
        else
            posix_spawn_file_actions_addopen(&actions, target, "/dev/null",
                                             target == 0 ? O_RDONLY : O_WRONLY, 0);
    };
    wire(child_stdin, 0);
    wire(child_stdout, 1);
    if (!keep_stderr) wire(-1, 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    if (own_session) posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    pid_t pid = -1;
    const int error =
        ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) fail(error, "cannot start " + program.string());
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int remaining_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Reads the child's stdout until it closes, the deadline or the size cap.
void collect_output(int fd, std::size_t max_bytes, Clock::time_point deadline, CapturedRun& run) {
    char buffer[8192];
    for (;;) {
        pollfd readable{fd, POLLIN, 0};
        const int ready = ::poll(&readable, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            run.timed_out = true;
            return;
        }
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        if (run.out.size() + static_cast<std::size_t>(n) > max_bytes) {
            run.too_large = true;
            return;
        }
        run.out.append(buffer, static_cast<std::size_t>(n));
    }
}

}  // namespace

CapturedRun run_and_capture(const std::filesystem::path& program,
                            const std::vector<std::string>& args, std::size_t max_bytes,
                            std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    Pipe output = make_pipe();
    const pid_t pid = spawn(program, args, -1, output.write_end.get());
    output.write_end.reset();

    CapturedRun run;
    collect_output(output.read_end.get(), max_bytes, deadline, run);
    if (run.timed_out || run.too_large) ::kill(pid, SIGKILL);
    const int code = wait_for(pid);
    run.exit_code = run.timed_out || run.too_large ? -1 : code;
    return run;
}

DetachedChild::DetachedChild(const std::filesystem::path& program,
                             const std::vector<std::string>& args, bool keep_stderr)
    : pid_(spawn(program, args, -1, -1, /*own_session=*/true, keep_stderr)) {}

DetachedChild::~DetachedChild() { running(); }

bool DetachedChild::running() {
    if (pid_ <= 0) return false;
    const pid_t got = ::waitpid(pid_, nullptr, WNOHANG);
    if (got == 0) return true;
    pid_ = -1;  // collected (or not ours to collect any more)
    return false;
}

}  // namespace ccp_relogin::platform
