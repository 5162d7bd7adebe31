// Idle clients on a running host's helpdesk socket (a stuck script, `nc`
// left open) must not keep `ccp-relogin status` out: the real binary in host
// mode, eight raw connections that never send a line, then the real CLI.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

namespace fs = std::filesystem;

int connect_idle(const fs::path& socket) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

TEST(HelpdeskIdleClients, StatusIsServedWhileEightIdleClientsAreOpen) {
    HostFixture fixture;
    RunningHost host(fixture);
    const fs::path socket = host.socket;
    std::vector<int> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(connect_idle(socket));
        ASSERT_GE(idle.back(), 0);
    }
    const auto r = run_cli(fixture, {"status"});
    for (const int fd : idle) ::close(fd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.rfind("pid ", 0), 0u) << r.out << r.err;
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
