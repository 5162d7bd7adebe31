// The helpdesk socket end to end: the real host binary in host mode (as
// Chrome starts it) and the real `ccp-relogin relogin` / `status` commands,
// with a temporary CCP_RELOGIN_STATE_DIR. What is not tested here: a client
// of another uid being refused needs root (tests/host/unit/ipc_server_test.cpp
// does it when run as root, and skips otherwise).
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

fs::path ipc_dir(const HostFixture& fixture) { return fixture.state_dir() / "ipc"; }

std::string pid_of(const fs::path& socket) {
    const std::string name = socket.filename().string();  // host-<pid>.sock
    return name.substr(5, name.size() - 5 - 5);
}

// One raw exchange on the socket: what the host sends back before closing.
std::string raw_exchange(const fs::path& socket, const std::string& bytes) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::runtime_error("cannot connect to the helpdesk socket");
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the host may stop reading once it has seen enough
        sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    std::string reply;
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, 10000) == 1) {
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return reply;
}

TEST(Helpdesk, ReloginPushesForceReloginToTheExtension) {
    HostFixture fixture;
    RunningHost host(fixture);
    const auto r = run_cli(fixture, {"relogin", "--profile", "agents-us", "--reason", "INC-42"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "pid " + pid_of(host.socket) + ": pushed agents-us\n");
    const json pushed = host.process->expect_reply();
    EXPECT_EQ(pushed,
              json::parse(R"({"type":"force-relogin","profile":"agents-us","reason":"INC-42"})"));

    // The extension answers as extension/README.md says: an `expired` with
    // the profile named and the reason as evidence.
    host.process->send({{"type", "expired"},
                        {"id", "f"},
                        {"tabUrl", "https://agents.example.com/ccp"},
                        {"frameUrl", "https://acme.my.connect.aws/login"},
                        {"signal", "text"},
                        {"evidence", "forced: INC-42"},
                        {"profile", "agents-us"}});
    const json relogin = host.process->expect_reply();
    EXPECT_EQ(relogin["type"], "relogin") << relogin.dump();
    EXPECT_EQ(relogin["signInUrl"], kAgentsSignInUrl);

    host.process->close_input();
    EXPECT_EQ(host.process->wait_exit(), 0);
    const std::string audit = read_file(fixture.state_dir() / "audit.jsonl");
    EXPECT_NE(audit.find("\"event\":\"helpdesk-relogin\""), std::string::npos) << audit;
    EXPECT_NE(audit.find("\"reason\":\"INC-42\""), std::string::npos) << audit;
}

TEST(Helpdesk, ReloginWithoutProfilePushesEveryConfiguredProfile) {
    HostFixture fixture;
    RunningHost host(fixture);
    const auto r = run_cli(fixture, {"relogin"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json pushed = host.process->expect_reply();
    EXPECT_EQ(pushed["profile"], "agents-us");
    EXPECT_EQ(pushed["reason"], "helpdesk");
}

TEST(Helpdesk, StatusJsonShowsTheRunningHost) {
    HostFixture fixture;
    RunningHost host(fixture);
    const auto r = run_cli(fixture, {"status", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json hosts = json::parse(r.out);
    ASSERT_EQ(hosts.size(), 1u) << r.out;
    EXPECT_EQ(hosts[0]["ok"], true);
    EXPECT_EQ(std::to_string(hosts[0]["pid"].get<long>()), pid_of(host.socket));
    EXPECT_EQ(hosts[0]["extensionId"], "lgnognmbodadambbbcigkefnngodpege");
    EXPECT_EQ(hosts[0]["profiles"][0]["name"], "agents-us");
    EXPECT_EQ(hosts[0]["profiles"][0]["guard"]["attemptsInWindow"], 0);

    const auto text = run_cli(fixture, {"status"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("agents-us: 0/3 attempts in the last 900 s; idle"), std::string::npos)
        << text.out;
}

TEST(Helpdesk, UnknownProfileNamesTheConfiguredOnesAndPushesNothing) {
    HostFixture fixture;
    RunningHost host(fixture);
    const auto r = run_cli(fixture, {"relogin", "--profile", "agents-eu"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("no profile named \"agents-eu\"; configured profiles: agents-us"),
              std::string::npos)
        << r.err;
    // Nothing was pushed: the next frame is the answer to this status.
    host.process->send({{"type", "status"}, {"id", "s"}});
    EXPECT_EQ(host.process->expect_reply()["re"], "s");
}

TEST(Helpdesk, WithoutARunningHostTheCommandsSayWhatToCheck) {
    HostFixture fixture;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"relogin", "--profile", "agents-us"}, {"status"}}) {
        const auto r = run_cli(fixture, args);
        EXPECT_EQ(r.exit_code, 1) << args[0];
        EXPECT_EQ(r.out, "") << args[0];
        EXPECT_NE(r.err.find("no running ccp-relogin host: is Chrome/Edge open with the "
                             "extension installed and enabled?"),
                  std::string::npos)
            << r.err;
    }
}

TEST(Helpdesk, TheHostRemovesItsSocketWhenStdinCloses) {
    HostFixture fixture;
    RunningHost host(fixture);
    ASSERT_TRUE(fs::exists(host.socket));
    host.process->close_input();
    EXPECT_EQ(host.process->wait_exit(), 0);
    EXPECT_FALSE(fs::exists(host.socket));
}

TEST(Helpdesk, AKilledHostsStaleSocketIsRemovedByTheCli) {
    HostFixture fixture;
    fs::path socket;
    {
        RunningHost host(fixture);
        socket = host.socket;
    }  // HostProcess's destructor kills the host: no cleanup runs
    ASSERT_TRUE(fs::exists(socket)) << "a killed host cannot remove its socket";
    const auto r = run_cli(fixture, {"relogin"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_FALSE(fs::exists(socket));
    EXPECT_NE(r.err.find("removed its stale socket"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no running ccp-relogin host"), std::string::npos) << r.err;
}

TEST(Helpdesk, AnOversizedRequestLineGetsAnError) {
    HostFixture fixture;
    RunningHost host(fixture);
    const std::string reply = raw_exchange(
        host.socket, R"({"type":"status","pad":")" + std::string(70000, 'x') + "\"}\n");
    const json error = json::parse(reply);
    EXPECT_EQ(error["ok"], false);
    EXPECT_EQ(error["error"], "too-long");
    // The host goes on serving.
    EXPECT_EQ(json::parse(raw_exchange(host.socket, "{\"type\":\"status\"}\n"))["ok"], true);
}

TEST(Helpdesk, AnUnsafeSocketDirectoryLeavesTheHostWorkingWithoutTheSocket) {
    HostFixture fixture;
    fs::create_directories(ipc_dir(fixture));
    ::chmod(ipc_dir(fixture).c_str(), 0777);
    auto host = fixture.start();
    host->send(hello_message());
    EXPECT_EQ(host->expect_reply()["type"], "welcome");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
    EXPECT_TRUE(helpdesk_sockets(fixture).empty());
    EXPECT_NE(fixture.stderr_text().find("writable by other users"), std::string::npos)
        << fixture.stderr_text();
    const std::string audit = read_file(fixture.state_dir() / "audit.jsonl");
    EXPECT_NE(audit.find("\"event\":\"helpdesk-unavailable\""), std::string::npos) << audit;
}

// A helpdesk relogin is an explicit override: a sign-in the host still holds
// in flight (the agent's tab long gone) must not answer the forced expiry
// with `wait in-progress` for the rest of its deadline.
TEST(Helpdesk, ReloginClearsASignInInFlight) {
    HostFixture fixture;
    RunningHost host(fixture);
    host.process->send(expired_message("e"));
    ASSERT_EQ(host.process->expect_reply()["type"], "relogin");

    const auto r = run_cli(fixture, {"relogin", "--profile", "agents-us"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(host.process->expect_reply()["type"], "force-relogin");
    host.process->send({{"type", "expired"},
                        {"id", "f"},
                        {"tabUrl", "https://agents.example.com/ccp"},
                        {"frameUrl", "https://acme.my.connect.aws/login"},
                        {"signal", "text"},
                        {"evidence", "forced: helpdesk"},
                        {"profile", "agents-us"}});
    const json forced = host.process->expect_reply();
    EXPECT_EQ(forced["type"], "relogin") << forced.dump();
    EXPECT_EQ(forced["attempt"], 2);
    host.process->close_input();
    EXPECT_EQ(host.process->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
