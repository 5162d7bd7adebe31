#pragma once
// Starts build/host/ccp-relogin the way Chrome does (the caller origin as the
// only argument, stdin/stdout pipes, the binary's directory as working
// directory) and speaks native messaging frames to it. Every read has a
// timeout, so a host that hangs fails the test instead of hanging CI.
//
// The same tests drive the Windows build under Wine (./run windows):
// CCP_RELOGIN_TEST_BINARY names another binary (build-windows/host/
// ccp-relogin.exe) and CCP_RELOGIN_TEST_LAUNCHER the program that starts it
// (wine), which passes the pipes and the environment through.
//
// Boost.Process v1 closes the child's ends of the pipes in the parent after
// the launch but leaves the numbers in the pipe objects; they are cleared
// right after the launch so the pipe destructors don't close them twice.
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/process.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace ccp_relogin::process_test {

namespace bp = boost::process;
using namespace std::chrono_literals;

inline const char* from_environment(const char* name, const char* otherwise) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : otherwise;
}
// The binary under test, and what starts it ("" for nothing).
inline const std::string kBinary = from_environment("CCP_RELOGIN_TEST_BINARY", CCP_RELOGIN_BINARY);
inline const std::string kLauncher = from_environment("CCP_RELOGIN_TEST_LAUNCHER", "");

// A path as the binary under test names it: under Wine, an absolute Unix
// path is on drive Z: (Wine's default mapping of /), and Windows needs the
// drive for an absolute path (CCP_RELOGIN_TEST_DRIVE=Z:).
inline std::string as_seen_by_binary(const std::filesystem::path& path) {
    const std::string drive = from_environment("CCP_RELOGIN_TEST_DRIVE", "");
    if (drive.empty() || !path.is_absolute()) return path.string();
    std::string text = drive + path.string();
    std::replace(text.begin(), text.end(), '/', '\\');
    return text;
}

// The program to start and its arguments, for `binary` with `args`.
struct Launch {
    std::string program;
    std::vector<std::string> args;
};
inline Launch launch_of(const std::filesystem::path& binary, std::vector<std::string> args) {
    if (kLauncher.empty()) return {binary.string(), std::move(args)};
    args.insert(args.begin(), binary.string());
    const std::string program =
        kLauncher.find('/') == std::string::npos ? bp::search_path(kLauncher).string() : kLauncher;
    return {program, std::move(args)};
}
inline constexpr const char* kDevelopmentOrigin =
    "chrome-extension://lgnognmbodadambbbcigkefnngodpege/";
inline constexpr auto kReadTimeout = 10s;

// A temporary directory removed with its content (tests/host/support/temp_dir.h).
using ccp_relogin::testing::TempDir;

// A length prefix in native byte order, as Chrome writes it.
inline std::string length_bytes(std::uint32_t length) {
    std::string prefix(sizeof length, '\0');
    std::memcpy(prefix.data(), &length, sizeof length);
    return prefix;
}

inline std::string frame_bytes(const std::string& body) {
    return length_bytes(static_cast<std::uint32_t>(body.size())) + body;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Waits for `child` to exit; false (after killing it) if it doesn't within
// `timeout`. Boost 1.74's child::wait_for sometimes waits out the whole
// timeout although the child has exited, so a blocking wait() is guarded by
// a watchdog thread instead.
inline bool wait_or_kill(bp::child& child, std::chrono::milliseconds timeout) {
    std::mutex mutex;
    std::condition_variable exited;
    bool done = false;
    bool killed = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mutex);
        if (!exited.wait_for(lock, timeout, [&] { return done; })) {
            killed = true;
            ::kill(child.id(), SIGKILL);
        }
    });
    std::error_code ec;
    child.wait(ec);
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    exited.notify_one();
    watchdog.join();
    return !killed;
}

// Sets `env` in this process's environment, which the next child inherits.
// (Boost 1.74's bp::environment::operator[] reads past the end of shorter
// variables, as AddressSanitizer shows, so the environment is not built with
// it.) Every launch sets all the variables it needs, so tests don't leak
// settings into each other.
inline void export_environment(const std::map<std::string, std::string>& env) {
    for (const auto& [name, value] : env)
        if (::setenv(name.c_str(), value.c_str(), 1) != 0)
            throw std::runtime_error("setenv " + name + " failed");
}

class HostProcess {
  public:
    // `env` is added to (and overrides) the inherited environment.
    HostProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::filesystem::path& stderr_file) {
        ::signal(SIGPIPE, SIG_IGN);  // a host that exits early must not kill the test
        export_environment(env);
        const std::filesystem::path binary(kBinary);
        const Launch launch = launch_of(binary, args);
        // Parenthesized so the redirections don't read as template brackets.
        child_ = bp::child(launch.program, bp::args(launch.args), (bp::std_in < to_host_),
                           (bp::std_out > from_host_), (bp::std_err > stderr_file.string()),
                           bp::start_dir(binary.parent_path().string()));
        to_host_.assign_source(-1);
        from_host_.assign_sink(-1);
    }

    // Kills the host and returns once it is gone. Boost 1.74's terminate()
    // sends SIGKILL and only polls (waitpid with WNOHANG), so on a busy
    // machine the host was seen still serving its helpdesk socket 125 ms
    // later (strace of Helpdesk.AKilledHostsStaleSocketIsRemovedByTheCli);
    // the blocking waitpid makes "killed" mean dead.
    ~HostProcess() {
        if (child_.running()) {
            const pid_t pid = child_.id();
            std::error_code ec;
            child_.terminate(ec);
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
    }

    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    void send_raw(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n =
                ::write(to_host_.native_sink(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error("the host stopped reading its input");
            done += static_cast<std::size_t>(n);
        }
    }
    void send(const nlohmann::json& message) { send_raw(frame_bytes(message.dump())); }

    // Closes the host's stdin, as the browser does when the port closes.
    void close_input() {
        if (to_host_.native_sink() != -1) ::close(to_host_.native_sink());
        to_host_.assign_sink(-1);
    }

    // The next frame, or nullopt at EOF; throws if none arrives in time or
    // the bytes are not a frame of valid JSON.
    std::optional<nlohmann::json> read_reply(std::chrono::milliseconds timeout = kReadTimeout) {
        const auto body = read_frame_body(timeout);
        if (!body) return std::nullopt;
        return nlohmann::json::parse(*body);
    }

    nlohmann::json expect_reply(std::chrono::milliseconds timeout = kReadTimeout) {
        auto reply = read_reply(timeout);
        if (!reply) throw std::runtime_error("the host closed stdout instead of replying");
        return *reply;
    }

    // Exit code; throws if the host is still running after `timeout`.
    int wait_exit(std::chrono::milliseconds timeout = kReadTimeout) {
        if (!wait_or_kill(child_, timeout))
            throw std::runtime_error("the host did not exit in time");
        return child_.exit_code();
    }

    // Every frame until stdout closes; throws on bytes that are not frames.
    std::vector<nlohmann::json> read_all_replies() {
        std::vector<nlohmann::json> replies;
        while (auto reply = read_reply()) replies.push_back(*reply);
        if (!pending_.empty()) throw std::runtime_error("stdout ended inside a frame");
        return replies;
    }

  private:
    std::optional<std::string> read_frame_body(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::uint32_t length = 0;
        if (!fill(sizeof length, deadline)) return std::nullopt;
        std::memcpy(&length, pending_.data(), sizeof length);
        if (length > 1024 * 1024) throw std::runtime_error("the host sent a frame over 1 MiB");
        if (!fill(sizeof length + length, deadline))
            throw std::runtime_error("stdout ended inside a frame");
        std::string body = pending_.substr(sizeof length, length);
        pending_.erase(0, sizeof length + length);
        return body;
    }

    // Reads until `size` bytes are pending; false on EOF before any byte.
    bool fill(std::size_t size, std::chrono::steady_clock::time_point deadline) {
        while (pending_.size() < size) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd fd{from_host_.native_source(), POLLIN, 0};
            if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) == 0)
                throw std::runtime_error("the host did not answer in time");
            char buffer[65536];
            const ssize_t n = ::read(from_host_.native_source(), buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error("reading the host's stdout failed");
            if (n == 0) {
                if (pending_.empty()) return false;
                throw std::runtime_error("stdout ended inside a frame");
            }
            pending_.append(buffer, static_cast<std::size_t>(n));
        }
        return true;
    }

    bp::pipe to_host_;
    bp::pipe from_host_;
    bp::child child_;
    std::string pending_;
};

// An `expired` frame from the custom CCP of kAgentsConfig, text signal.
inline nlohmann::json expired_message(const std::string& id) {
    return {{"type", "expired"},
            {"id", id},
            {"tabUrl", "https://agents.example.com/ccp"},
            {"frameUrl", "https://acme.my.connect.aws/ccp-v2"},
            {"signal", "text"},
            {"evidence", "Session expired"}};
}

// One profile, as in docs/configuration.md, "Example"; the custom CCP at agents.example.com/ccp.
inline constexpr const char* kAgentsConfig = R"({
  "profiles": [{
    "name": "agents-us",
    "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                 "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
    "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
              "appId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "launcher"},
    "destination": "/ccp-v2",
    "returnTo": ["https://agents.example.com/ccp"]
  }],
  "allowedExtensionIds": ["abcdefghijklmnopabcdefghijklmnop"]
})";

// The sign-in URL for kAgentsConfig, written out by hand (relay state encoded
// twice: "%2F" in the destination becomes "%252F").
inline constexpr const char* kAgentsSignInUrl =
    "https://launcher.myapps.microsoft.com/api/signin/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    "?tenantId=11111111-2222-3333-4444-555555555555"
    "&RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F"
    "178c75e4-b3de-4839-a6aa-e321ab3f3770%3Fdestination%3D%252Fccp-v2%26new_domain%3Dtrue";

// A temporary home for one test: config file, state dir, stderr files; and
// hosts started with the environment pointing there.
class HostFixture {
  public:
    explicit HostFixture(const std::string& config = kAgentsConfig) {
        std::ofstream(config_file()) << config;
    }

    std::filesystem::path config_file() const { return dir_.path() / "config.json"; }
    std::filesystem::path state_dir() const { return dir_.path() / "state"; }
    std::filesystem::path stderr_file(int n) const {
        return dir_.path() / ("stderr-" + std::to_string(n) + ".txt");
    }
    std::map<std::string, std::string> env() const {
        return {{"CCP_RELOGIN_CONFIG", as_seen_by_binary(config_file())},
                {"CCP_RELOGIN_STATE_DIR", as_seen_by_binary(state_dir())},
                // Keep the real user's configuration, browsers and data out of the test.
                {"XDG_CONFIG_HOME", (dir_.path() / "xdg-config").string()},
                {"XDG_DATA_HOME", (dir_.path() / "xdg-data").string()},
                {"HOME", (dir_.path() / "home").string()}};
    }

    std::unique_ptr<HostProcess> start(const std::string& origin = kDevelopmentOrigin) {
        return std::make_unique<HostProcess>(std::vector<std::string>{origin}, env(),
                                             stderr_file(++started_));
    }
    std::string stderr_text(int n = 1) const { return read_file(stderr_file(n)); }
    const std::filesystem::path& dir() const { return dir_.path(); }

  private:
    TempDir dir_;
    int started_ = 0;
};

// The helpdesk sockets the fixture's running hosts offer (state_dir/ipc/host-*).
inline std::vector<std::filesystem::path> helpdesk_sockets(const HostFixture& fixture) {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(fixture.state_dir() / "ipc", ec))
        if (entry.path().filename().string().starts_with("host-")) found.push_back(entry.path());
    return found;
}

// Polls (with a deadline, not a fixed sleep) until a host offers its helpdesk socket.
inline std::filesystem::path wait_for_helpdesk_socket(const HostFixture& fixture) {
    const auto deadline = std::chrono::steady_clock::now() + kReadTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto sockets = helpdesk_sockets(fixture);
        if (!sockets.empty()) return sockets.front();
        ::poll(nullptr, 0, 10);
    }
    throw std::runtime_error("the host never offered its helpdesk socket");
}

// The extension's first message, as Chromium's extension would send it.
inline nlohmann::json hello_message(int id = 1) {
    return {{"type", "hello"},
            {"id", id},
            {"v", 1},
            {"browser", "chromium"},
            {"extensionVersion", "0.1.0"},
            {"policy", nullptr}};
}

// A host that said hello, was welcomed and offers its helpdesk socket.
struct RunningHost {
    explicit RunningHost(HostFixture& fixture) : process(fixture.start()) {
        process->send(hello_message());
        if (process->expect_reply()["type"] != "welcome") throw std::runtime_error("no welcome");
        socket = wait_for_helpdesk_socket(fixture);
    }
    HostProcess* operator->() const { return process.get(); }
    std::unique_ptr<HostProcess> process;
    std::filesystem::path socket;
};

// What a CLI run (not host mode) left: exit code, stdout, stderr.
struct CliResult {
    int exit_code;
    std::string out;
    std::string err;
};

// Runs the binary with `args` in the fixture's environment, stdin empty,
// output captured in files; throws if it does not exit in time.
// `binary`: another copy of the program (a test of what it finds beside it).
inline CliResult run_cli(const HostFixture& fixture, const std::vector<std::string>& args,
                         const std::filesystem::path& binary = kBinary) {
    export_environment(fixture.env());
    const auto out = fixture.dir() / "cli-out.txt";
    const auto err = fixture.dir() / "cli-err.txt";
    const Launch launch = launch_of(binary, args);
    bp::child child(launch.program, bp::args(launch.args), (bp::std_in < bp::null),
                    (bp::std_out > out.string()), (bp::std_err > err.string()));
    if (!wait_or_kill(child, kReadTimeout))
        throw std::runtime_error("ccp-relogin did not exit in time");
    return {child.exit_code(), read_file(out), read_file(err)};
}

}  // namespace ccp_relogin::process_test
