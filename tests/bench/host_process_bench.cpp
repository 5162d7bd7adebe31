// The process benchmarks of ./run bench: the real host binary
// (build-bench/host/ccp-relogin under ./run bench) started the way Chrome starts it, speaking
// frames over pipes, next to the C floor (tests/bench/c_floor.c) measured in the same run,
// interleaved. Prints nothing but a JSON document (--out FILE, else stdout) that
// tests/bench/report.mjs turns into the table.
//
//   cold        host start + one hello/welcome round trip (what one
//               chrome.runtime.sendNativeMessage costs) vs c_floor reading
//               one frame and writing one back; runs alternate floor/host.
//   port        one long-lived port: N status and N expired messages, each
//               ping-pong (per-message latency) and pipelined (messages/s:
//               a writer thread keeps the pipe full, as a busy extension
//               would); vs c_floor --loop (echo) and, for expired, vs
//               c_floor --loop --guard-update (the same flock + write + rename +
//               audit append done the plainest way in C).
//   peak RSS    VmHWM from /proc/<pid>/status, read after the last reply
//               while the process still serves (it exits on EOF).
//
// Why a C++ driver and not node: the floor's round trip is about a
// millisecond, so the driver must add microseconds, not milliseconds.
// posix_spawn + blocking pipe reads + steady_clock have no event loop, no GC
// and no child_process machinery between the clock and the child. Why not
// getrusage/wait4's ru_maxrss: on Linux a child's ru_maxrss includes the
// RSS of the address space it had before exec (the driver's, copied by
// fork/vfork), so a small floor would report the driver's size; VmHWM
// belongs to the exec'd image only.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr const char* kOrigin = "chrome-extension://lgnognmbodadambbbcigkefnngodpege/";
const std::string kHello =
    R"({"type":"hello","id":1,"v":1,"browser":"chromium","extensionVersion":"0.1.0","policy":null})";

std::string status_frame(int id) { return R"({"type":"status","id":)" + std::to_string(id) + "}"; }

std::string expired_frame(int id) {
    return R"({"type":"expired","id":)" + std::to_string(id) +
           R"(,"tabUrl":"https://agents.example.com/ccp","frameUrl":"https://acme.my.connect.aws/ccp-v2",)"
           R"("signal":"text","evidence":"Session expired"})";
}

[[noreturn]] void fail(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

double us_since(Clock::time_point t0, Clock::time_point t1) {
    return std::chrono::duration<double, std::micro>(t1 - t0).count();
}

struct Child {
    pid_t pid = -1;
    int to_child = -1;    // the child's stdin
    int from_child = -1;  // the child's stdout
};

Child spawn(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) fail("pipe2");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    Child child;
    const int rc = ::posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        errno = rc;
        fail("posix_spawn " + args[0]);
    }
    child.to_child = in[1];
    child.from_child = out[0];
    return child;
}

void write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("writing a frame to the child");
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

std::string encode(const std::string& body) {
    const auto length = static_cast<std::uint32_t>(body.size());
    std::string frame(sizeof length, '\0');
    std::memcpy(frame.data(), &length, sizeof length);
    return frame + body;
}

void read_exact(int fd, char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::read(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n == 0) throw std::runtime_error("the child closed its stdout before answering");
        if (n < 0) fail("reading a frame from the child");
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

std::string read_frame(int fd) {
    std::uint32_t length = 0;
    read_exact(fd, reinterpret_cast<char*>(&length), sizeof length);
    std::string body(length, '\0');
    read_exact(fd, body.data(), length);
    return body;
}

// The "type" of a reply, without parsing it (the host's and the floor's
// frames are both flat JSON written by a serializer: "type":"x").
std::string type_of(const std::string& body) {
    const std::string key = R"("type":")";
    const auto at = body.find(key);
    if (at == std::string::npos) return "?";
    const auto start = at + key.size();
    return body.substr(start, body.find('"', start) - start);
}

long vm_hwm_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

// Closes the port (EOF, as the browser does) and reaps the child.
int finish(Child& child) {
    ::close(child.to_child);
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(child.from_child);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::max(0.0, std::ceil(p / 100.0 * v.size()) - 1));
    return v[std::min(rank, v.size() - 1)];
}

json summary_us(const std::vector<double>& samples) {
    return {{"n", samples.size()},
            {"medianUs", percentile(samples, 50)},
            {"p95Us", percentile(samples, 95)},
            {"minUs", samples.empty() ? 0 : *std::min_element(samples.begin(), samples.end())}};
}

struct Programs {
    std::string host;
    std::string floor;
    std::vector<std::string> env;  // the host's: config, state dir, empty XDG config

    std::vector<std::string> host_args() const { return {host, kOrigin}; }
};

// ---- 1. cold round trip ---------------------------------------------------

struct ColdSample {
    double roundTripUs;  // spawn → reply read
    double lifetimeUs;   // spawn → exited after EOF
    long hwmKib;
    std::string reply;
    int exitCode;
};

ColdSample cold_once(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    const std::string hello = encode(kHello);
    const auto t0 = Clock::now();
    Child child = spawn(args, env);
    write_all(child.to_child, hello.data(), hello.size());
    const std::string reply = read_frame(child.from_child);
    const auto t1 = Clock::now();
    const long hwm = vm_hwm_kib(child.pid);
    const int code = finish(child);
    const auto t2 = Clock::now();
    return {us_since(t0, t1), us_since(t0, t2), hwm, type_of(reply), code};
}

json bench_cold(const Programs& p, int runs, int warmup) {
    std::vector<double> host_rt, floor_rt, host_life, floor_life, host_hwm, floor_hwm;
    std::map<std::string, int> host_replies;
    int host_failures = 0;
    for (int i = -warmup; i < runs; ++i) {
        // Alternate which goes first, so neither always follows the other.
        const bool floor_first = (i % 2) == 0;
        for (int k = 0; k < 2; ++k) {
            const bool is_floor = (k == 0) == floor_first;
            const ColdSample s =
                is_floor ? cold_once({p.floor}, p.env) : cold_once(p.host_args(), p.env);
            if (i < 0) continue;
            if (is_floor) {
                floor_rt.push_back(s.roundTripUs);
                floor_life.push_back(s.lifetimeUs);
                floor_hwm.push_back(static_cast<double>(s.hwmKib));
            } else {
                host_rt.push_back(s.roundTripUs);
                host_life.push_back(s.lifetimeUs);
                host_hwm.push_back(static_cast<double>(s.hwmKib));
                host_replies[s.reply] += 1;
                if (s.reply != "welcome" || s.exitCode != 0) ++host_failures;
            }
        }
    }
    return {
        {"runs", runs},
        {"host",
         {{"roundTrip", summary_us(host_rt)},
          {"lifetime", summary_us(host_life)},
          {"vmHwmKib", {{"median", percentile(host_hwm, 50)}, {"max", percentile(host_hwm, 100)}}},
          {"replies", host_replies},
          {"failures", host_failures}}},
        {"floor",
         {{"roundTrip", summary_us(floor_rt)},
          {"lifetime", summary_us(floor_life)},
          {"vmHwmKib",
           {{"median", percentile(floor_hwm, 50)}, {"max", percentile(floor_hwm, 100)}}}}}};
}

// ---- 2. one long-lived port ----------------------------------------------

struct PortRun {
    std::vector<double> latencyUs;
    double pipelinedPerSecond = 0;
    std::map<std::string, int> replies;
};

// `count` ping-pong messages, then `pipelined` messages written by a second
// thread while this one reads the answers.
PortRun drive(Child& child, int count, int pipelined, int first_id, std::string (*frame_for)(int)) {
    PortRun run;
    int id = first_id;
    for (int i = 0; i < count; ++i) {
        const std::string frame = encode(frame_for(id++));
        const auto t0 = Clock::now();
        write_all(child.to_child, frame.data(), frame.size());
        const std::string reply = read_frame(child.from_child);
        run.latencyUs.push_back(us_since(t0, Clock::now()));
        run.replies[type_of(reply)] += 1;
    }
    std::string batch;
    for (int i = 0; i < pipelined; ++i) batch += encode(frame_for(id++));
    const auto t0 = Clock::now();
    std::thread writer([&] { write_all(child.to_child, batch.data(), batch.size()); });
    for (int i = 0; i < pipelined; ++i) run.replies[type_of(read_frame(child.from_child))] += 1;
    const double us = us_since(t0, Clock::now());
    writer.join();
    run.pipelinedPerSecond = pipelined / (us / 1e6);
    return run;
}

std::string echo_of_status(int id) { return status_frame(id); }

json port_json(const std::vector<PortRun>& rounds) {
    std::vector<double> latency, rates;
    std::map<std::string, int> replies;
    for (const auto& r : rounds) {
        latency.insert(latency.end(), r.latencyUs.begin(), r.latencyUs.end());
        rates.push_back(r.pipelinedPerSecond);
        for (const auto& [k, v] : r.replies) replies[k] += v;
    }
    return {{"latency", summary_us(latency)},
            {"pipelinedPerSecond", {{"median", percentile(rates, 50)}, {"rounds", rates}}},
            {"replies", replies}};
}

json bench_port(const Programs& p, const fs::path& root, int rounds, int status_n, int status_pipe,
                int expired_n, int expired_pipe) {
    std::vector<PortRun> host_status, host_expired, floor_status, floor_expired;
    std::vector<double> host_hwm, floor_hwm, guard_update_hwm;
    for (int r = 0; r < rounds; ++r) {
        // A fresh state directory per round, so every round starts with the
        // same guard state (the first expired is granted, the rest wait).
        const fs::path state = root / ("port-state-" + std::to_string(r));
        std::vector<std::string> env = p.env;
        env.push_back("CCP_RELOGIN_STATE_DIR=" + state.string());

        Child floor = spawn({p.floor, "--loop"}, env);
        floor_status.push_back(drive(floor, status_n, status_pipe, 1, echo_of_status));
        floor_hwm.push_back(static_cast<double>(vm_hwm_kib(floor.pid)));
        finish(floor);

        Child host = spawn(p.host_args(), env);
        const std::string hello = encode(kHello);
        write_all(host.to_child, hello.data(), hello.size());
        if (const std::string welcome = read_frame(host.from_child); type_of(welcome) != "welcome")
            throw std::runtime_error("the host did not answer hello with welcome: " +
                                     welcome.substr(0, 300));
        host_status.push_back(drive(host, status_n, status_pipe, 2, status_frame));
        host_expired.push_back(
            drive(host, expired_n, expired_pipe, 2 + status_n + status_pipe, expired_frame));
        host_hwm.push_back(static_cast<double>(vm_hwm_kib(host.pid)));
        finish(host);

        const fs::path guard_update_dir = root / ("floor-state-" + std::to_string(r));
        fs::create_directories(guard_update_dir);
        Child guard_update =
            spawn({p.floor, "--loop", "--guard-update", guard_update_dir.string()}, env);
        floor_expired.push_back(drive(guard_update, expired_n, expired_pipe, 1, expired_frame));
        guard_update_hwm.push_back(static_cast<double>(vm_hwm_kib(guard_update.pid)));
        finish(guard_update);
    }
    return {{"rounds", rounds},
            {"messages",
             {{"statusPingPong", status_n},
              {"statusPipelined", status_pipe},
              {"expiredPingPong", expired_n},
              {"expiredPipelined", expired_pipe}}},
            {"host",
             {{"status", port_json(host_status)},
              {"expired", port_json(host_expired)},
              {"vmHwmKib",
               {{"median", percentile(host_hwm, 50)}, {"max", percentile(host_hwm, 100)}}}}},
            {"floor",
             {{"echo", port_json(floor_status)},
              {"guardUpdate", port_json(floor_expired)},
              {"vmHwmKib",
               {{"median", percentile(floor_hwm, 50)}, {"max", percentile(floor_hwm, 100)}}},
              {"guardUpdateVmHwmKib", {{"median", percentile(guard_update_hwm, 50)}}}}}};
}

std::string arg_value(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return argv[i + 1];
    return fallback;
}

int int_arg(int argc, char** argv, const std::string& name, int fallback) {
    return std::stoi(arg_value(argc, argv, name, std::to_string(fallback)));
}

}  // namespace

int main(int argc, char** argv) try {
    const std::string usage =
        "host_process_bench [--out FILE] [--host BIN] [--floor BIN] [--config FILE] [--cold-runs "
        "N]\n"
        "  [--rounds N] [--status N] [--status-pipelined N] [--expired N] [--expired-pipelined "
        "N]\n";
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--help") {
            std::cout << usage;
            return 0;
        }
    ::signal(SIGPIPE, SIG_IGN);  // a child that died: EPIPE and a message, not a silent exit
    Programs p;
    p.host = arg_value(argc, argv, "--host", CCP_RELOGIN_BINARY);
    p.floor = arg_value(argc, argv, "--floor", CCP_C_FLOOR_BINARY);
    const fs::path config =
        arg_value(argc, argv, "--config", CCP_RELOGIN_SOURCE_DIR "/manifests/config.example.json");

    char templ[] = "/tmp/ccp-bench-XXXXXX";
    if (!::mkdtemp(templ)) fail("mkdtemp");
    const fs::path root = templ;
    // Removed however the run ends.
    const struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{root};
    fs::copy_file(config, root / "config.json");
    fs::create_directories(root / "xdg-config");  // empty: no user config file leaks in
    // The environment the host sees: the driver's, with the product's paths
    // pointing into the temp dir (the same for the floor, which ignores them).
    for (char** e = environ; *e; ++e) {
        const std::string var = *e;
        if (var.rfind("CCP_RELOGIN_", 0) == 0 || var.rfind("XDG_CONFIG_HOME=", 0) == 0) continue;
        p.env.push_back(var);
    }
    p.env.push_back("CCP_RELOGIN_CONFIG=" + (root / "config.json").string());
    p.env.push_back("XDG_CONFIG_HOME=" + (root / "xdg-config").string());

    std::vector<std::string> cold_env = p.env;
    cold_env.push_back("CCP_RELOGIN_STATE_DIR=" + (root / "cold-state").string());
    Programs cold = p;
    cold.env = cold_env;

    json out;
    out["host"] = p.host;
    out["floor"] = p.floor;
    out["config"] = config.string();
    out["cpus"] = std::thread::hardware_concurrency();
    out["cold"] = bench_cold(cold, int_arg(argc, argv, "--cold-runs", 200), 10);
    out["port"] = bench_port(
        p, root, int_arg(argc, argv, "--rounds", 3), int_arg(argc, argv, "--status", 3000),
        int_arg(argc, argv, "--status-pipelined", 20000), int_arg(argc, argv, "--expired", 300),
        int_arg(argc, argv, "--expired-pipelined", 600));

    const std::string path = arg_value(argc, argv, "--out", "");
    if (path.empty()) {
        std::cout << out.dump(2) << '\n';
    } else {
        std::ofstream(path) << out.dump(2) << '\n';
    }
    return 0;
} catch (const std::exception& e) {
    std::cerr << "host_process_bench: " << e.what() << '\n';
    return 1;
}
