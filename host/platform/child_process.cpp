#include "platform/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "platform/paths.h"

extern char** environ;

namespace ccp_relogin::platform {
namespace {

using Clock = std::chrono::steady_clock;

// How long a line begun in the pipe may take to finish before the child is
// given up: it reads all the time, so only a stuck child takes this long.
constexpr std::chrono::milliseconds kFinishLineWait{200};

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
// /dev/null), our stderr as 2, and no other descriptor of ours.
pid_t spawn(const std::filesystem::path& program, const std::vector<std::string>& args,
            int child_stdin, int child_stdout) {
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
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
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

// A socket pair rather than a pipe: send() takes MSG_NOSIGNAL and
// MSG_DONTWAIT per call, so a child that is gone is an EPIPE, never a
// SIGPIPE, whatever the process's signal setup, and the writing end stays
// blocking for everyone else. The child reads it as an ordinary stdin.
Pipe make_input_channel() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        fail(errno, "cannot create a socket pair");
    ::shutdown(fds[0], SHUT_WR);
    ::shutdown(fds[1], SHUT_RD);
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
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

InputChild::InputChild(const std::filesystem::path& program, const std::vector<std::string>& args) {
    Pipe input = make_input_channel();
    pid_ = spawn(program, args, input.read_end.get(), -1);
    input_ = std::move(input.write_end);
}

InputChild::~InputChild() {
    input_.reset();
    if (pid_ > 0) ::waitpid(pid_, nullptr, WNOHANG);
}

bool InputChild::write_without_waiting(std::string_view text) {
    if (!input_.ok()) return false;
    const auto give_up = Clock::now() + kFinishLineWait;
    bool started = false;
    while (!text.empty()) {
        const ssize_t n =
            ::send(input_.get(), text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            started = true;
            text.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !started)
            return false;  // full: nothing written
        pollfd writable{input_.get(), POLLOUT, 0};
        if (n < 0 && errno == EAGAIN && ::poll(&writable, 1, remaining_ms(give_up)) > 0) continue;
        // Gone (EPIPE), or stuck in the middle of a line: a half line must
        // not be followed by the next one, so the pipe is closed for good.
        input_.reset();
        return false;
    }
    return true;
}

std::filesystem::path helper_program(std::string_view name) {
    return current_executable().parent_path() / std::string(name);
}

}  // namespace ccp_relogin::platform
