// The helpdesk socket in this process: a real HelpdeskServer on a temporary
// directory, spoken to through the CLI's client (helpdesk/client.h) or raw
// POSIX sockets where the client would be too polite.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "helpdesk/client.h"
#include "helpdesk/server.h"
#include "helpdesk/socket_dir.h"
#include "support/temp_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;
using nlohmann::json;

// A connected raw socket to `path`, or -1.
int connect_raw(const std::filesystem::path& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void send_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        ASSERT_GT(n, 0) << std::strerror(errno);
        done += static_cast<std::size_t>(n);
    }
}

// Everything the peer sends until it closes; throws if that takes longer
// than `limit` (a test that would otherwise hang).
std::string read_until_closed(int fd, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::string text;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0)
            throw std::runtime_error("the server kept the connection open");
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return text;
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

class HelpdeskSocketServer : public ::testing::Test {
  protected:
    HelpdeskSocketServer() { prepare_ipc_dir(dir()); }

    std::filesystem::path dir() const { return temp_.path() / "ipc"; }
    std::filesystem::path socket() const { return socket_path_for(dir(), 4242); }

    std::unique_ptr<HelpdeskServer> start(ServerOptions options = {}) {
        return std::make_unique<HelpdeskServer>(
            socket(),
            [this](std::string_view line, const PeerCredentials& peer) {
                const std::lock_guard lock(mutex_);
                lines_.emplace_back(line);
                json reply{{"ok", true}, {"echo", line}, {"uid", peer.uid}};
                if (reply_padding_ > 0) reply["padding"] = std::string(reply_padding_, 'x');
                return reply;
            },
            [this](const std::optional<PeerCredentials>& peer) {
                const std::lock_guard lock(mutex_);
                refused_.push_back(peer ? static_cast<long>(peer->uid) : -1);
            },
            [] {
                return json{{"ok", false}, {"error", "too-long"}};
            },
            options);
    }

    TempDir temp_;
    std::mutex mutex_;
    std::vector<std::string> lines_;
    std::vector<long> refused_;
    std::size_t reply_padding_ = 0;  // bytes added to each reply
};

TEST_F(HelpdeskSocketServer, OneRequestLineGetsOneReplyLine) {
    const auto server = start();
    const HostAnswer answer = ask_host(socket(), 4242, {{"type", "status"}});
    ASSERT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    EXPECT_EQ(answer.reply["echo"], R"({"type":"status"})");
    EXPECT_EQ(answer.reply["uid"], ::geteuid());
}

TEST_F(HelpdeskSocketServer, TheSocketFileIsPrivate) {
    const auto server = start();
    struct stat st {};
    ASSERT_EQ(::lstat(socket().c_str(), &st), 0);
    EXPECT_TRUE(S_ISSOCK(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(HelpdeskSocketServer, ARequestEndedByHalfCloseInsteadOfNewlineIsAnswered) {
    const auto server = start();
    const int fd = connect_raw(socket());
    ASSERT_GE(fd, 0);
    send_all(fd, "{\"type\":\"status\"}\r");
    ::shutdown(fd, SHUT_WR);
    const json reply = json::parse(read_until_closed(fd));
    ::close(fd);
    EXPECT_EQ(reply["echo"], R"({"type":"status"})");
}

TEST_F(HelpdeskSocketServer, AnOverlongLineGetsTheTooLongErrorNotAReset) {
    const auto server = start();
    const int fd = connect_raw(socket());
    ASSERT_GE(fd, 0);
    send_all(fd, std::string(kMaxRequestBytes + 1000, 'x') + "\n");
    ::shutdown(fd, SHUT_WR);
    const std::string text = read_until_closed(fd);
    ::close(fd);
    EXPECT_EQ(json::parse(text)["error"], "too-long");
    EXPECT_TRUE(lines_.empty()) << "the handler never saw it";
}

TEST_F(HelpdeskSocketServer, ALineOfExactlyTheLimitIsServed) {
    const auto server = start();
    const int fd = connect_raw(socket());
    ASSERT_GE(fd, 0);
    send_all(fd, std::string(kMaxRequestBytes, 'x') + "\n");
    const json reply = json::parse(read_until_closed(fd));
    ::close(fd);
    EXPECT_EQ(reply["echo"].get<std::string>().size(), kMaxRequestBytes);
}

TEST_F(HelpdeskSocketServer, AnIdleClientIsDisconnectedAfterTheTimeout) {
    const auto server = start(ServerOptions{.clientTimeout = 100ms});
    const int fd = connect_raw(socket());
    ASSERT_GE(fd, 0);
    EXPECT_EQ(read_until_closed(fd, 10s), "");
    ::close(fd);
    // The server is still there for the next client.
    EXPECT_EQ(ask_host(socket(), 4242, {{"type", "status"}}).outcome,
              HostAnswer::Outcome::kReplied);
}

TEST_F(HelpdeskSocketServer, OverTheLimitTheClientIdleLongestMakesRoom) {
    const auto server = start(ServerOptions{.clientTimeout = 10s, .maxConnections = 1});
    const int first = connect_raw(socket());
    ASSERT_GE(first, 0);
    // The first connection is accepted before the second one is looked at
    // (one thread, accepts in order), so the second is over the limit.
    const int second = connect_raw(socket());
    ASSERT_GE(second, 0);
    EXPECT_EQ(read_until_closed(first), "");
    send_all(second, "{}\n");
    EXPECT_NE(read_until_closed(second), "");
    ::close(first);
    ::close(second);
}

TEST_F(HelpdeskSocketServer, WhenEverySlotIsBusyAnsweringANewClientIsClosedAtOnce) {
    reply_padding_ = 4 * 1024 * 1024;  // more than the socket buffers: the write waits
    const auto server = start(ServerOptions{.clientTimeout = 10s, .maxConnections = 1});
    const int first = connect_raw(socket());
    ASSERT_GE(first, 0);
    send_all(first, "{}\n");
    for (int i = 0; i < 1000; ++i) {  // until the handler has taken the line
        if (const std::lock_guard lock(mutex_); !lines_.empty()) break;
        std::this_thread::sleep_for(1ms);
    }
    const int second = connect_raw(socket());
    ASSERT_GE(second, 0);
    EXPECT_EQ(read_until_closed(second), "");
    EXPECT_GT(read_until_closed(first).size(), reply_padding_) << "the first is answered whole";
    ::close(first);
    ::close(second);
}

// Idle clients (a stuck script, `nc` left open) must not lock the helpdesk
// out for the whole timeout: a new client takes the slot of the one that
// has waited longest without sending its line.
TEST_F(HelpdeskSocketServer, ANinthClientIsServedWhileEightIdleOnesAreOpen) {
    const auto server = start(ServerOptions{.clientTimeout = 10s, .maxConnections = 8});
    std::vector<int> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(connect_raw(socket()));
        ASSERT_GE(idle.back(), 0);
    }
    const HostAnswer answer = ask_host(socket(), 4242, {{"type", "status"}}, 2s);
    EXPECT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    // The oldest idle client made room; the newer ones still hold their slots.
    EXPECT_EQ(read_until_closed(idle.front(), 2s), "");
    send_all(idle.back(), "{}\n");
    EXPECT_NE(read_until_closed(idle.back()), "");
    for (const int fd : idle) ::close(fd);
}

TEST_F(HelpdeskSocketServer, TheSocketFileIsRemovedWhenTheServerStops) {
    start().reset();
    EXPECT_FALSE(std::filesystem::exists(socket()));
}

TEST_F(HelpdeskSocketServer, AFileLeftUnderOurNameIsReplaced) {
    temp_.write("ipc/host-4242.sock", "left behind by an earlier process with this pid");
    const auto server = start();
    EXPECT_EQ(ask_host(socket(), 4242, {{"type", "status"}}).outcome,
              HostAnswer::Outcome::kReplied);
}

TEST_F(HelpdeskSocketServer, AFileThatIsNoLongerOursIsNotRemoved) {
    auto server = start();
    std::filesystem::remove(socket());  // e.g. the CLI took it for stale
    temp_.write("ipc/host-4242.sock", "someone else's now");
    server.reset();
    EXPECT_TRUE(std::filesystem::exists(socket()));
}

TEST_F(HelpdeskSocketServer, APathTooLongForSunPathIsRefusedClearly) {
    const auto deep = dir() / std::string(120, 'd');
    try {
        HelpdeskServer server(
            deep / "host-1.sock", [](std::string_view, const PeerCredentials&) { return json(); },
            [](const std::optional<PeerCredentials>&) {}, [] { return json(); });
        FAIL() << "listened on an over-long path";
    } catch (const HelpdeskUnavailable& e) {
        EXPECT_NE(std::string(e.what()).find("CCP_RELOGIN_STATE_DIR"), std::string::npos);
    }
}

TEST_F(HelpdeskSocketServer, EveryHostIsAskedAndAStaleSocketIsRemoved) {
    const auto server = start();
    // A host that was killed: its socket file is there, nobody listens.
    const auto stale = socket_path_for(dir(), 99);
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::snprintf(address.sun_path, sizeof address.sun_path, "%s", stale.c_str());
        ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        ::close(fd);
    }
    const auto answers = ask_every_host(dir(), {{"type", "status"}});
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0].pid, 99);
    EXPECT_EQ(answers[0].outcome, HostAnswer::Outcome::kStaleRemoved);
    EXPECT_FALSE(std::filesystem::exists(stale));
    EXPECT_EQ(answers[1].pid, 4242);
    EXPECT_EQ(answers[1].outcome, HostAnswer::Outcome::kReplied);
}

TEST_F(HelpdeskSocketServer, AHostThatDoesNotAnswerCostsOnlyTheTimeout) {
    // Listening, never accepting: connect succeeds (backlog), no reply comes.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket().c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    const HostAnswer answer = ask_host(socket(), 4242, {{"type", "status"}}, 100ms);
    ::close(fd);
    EXPECT_EQ(answer.outcome, HostAnswer::Outcome::kFailed);
    EXPECT_NE(answer.problem.find("no answer"), std::string::npos) << answer.problem;
}

// Another user's process must not get an answer. Needs root to become
// another user; elsewhere this is covered by peer_allowed alone.
TEST_F(HelpdeskSocketServer, AnotherUserIsDisconnectedWithoutAReply) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to connect as another uid";
    const auto server = start();
    // Let uid 65534 reach the socket, so the peer check is what refuses it.
    ::chmod(temp_.path().c_str(), 0711);
    ::chmod(dir().c_str(), 0711);
    ::chmod(socket().c_str(), 0666);
    const std::string path = socket().string();  // no allocation after fork
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        // Only async-signal-safe calls between fork and _exit.
        ::close(pipe_fds[0]);
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) ::_exit(3);
        const char request[] = "{\"type\":\"status\"}\n";
        // The server may have closed already: MSG_NOSIGNAL turns the SIGPIPE
        // that would kill this child into EPIPE, which is the same verdict.
        const ssize_t sent = ::send(fd, request, sizeof request - 1, MSG_NOSIGNAL);
        char buffer[256];
        const ssize_t n = sent < 0 ? -1 : ::read(fd, buffer, sizeof buffer);
        const char verdict = n > 0 ? 'r' : 'c';  // a reply, or closed (EOF or reset)
        if (::write(pipe_fds[1], &verdict, 1) != 1) ::_exit(5);
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0)
        << "the child could not connect (step " << WEXITSTATUS(status) << ")";
    char verdict = '?';
    ASSERT_EQ(::read(pipe_fds[0], &verdict, 1), 1);
    ::close(pipe_fds[0]);
    EXPECT_EQ(verdict, 'c');
    // The refusal is reported on the server thread; the child saw the close
    // that follows it, so it has happened.
    const std::lock_guard lock(mutex_);
    EXPECT_EQ(refused_, std::vector<long>{65534});
    EXPECT_TRUE(lines_.empty());
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
