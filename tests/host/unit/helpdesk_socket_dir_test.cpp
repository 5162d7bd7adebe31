#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "helpdesk/socket_dir.h"
#include "support/temp_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

using ccp_relogin::testing::TempDir;

constexpr uid_t kMe = 1000;

DirFacts good_dir() { return DirFacts{true, false, true, kMe, 0700}; }

// A real Unix socket file at `path` (nobody listening once it returns).
void make_socket_file(const std::filesystem::path& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ::close(fd);
}

TEST(HelpdeskSocketDir, SocketPathIsPerPidInTheIpcFolderOfTheStateDir) {
    EXPECT_EQ(ipc_dir_of("/s/ccp-relogin"), std::filesystem::path("/s/ccp-relogin/ipc"));
    EXPECT_EQ(socket_path_for("/s/ipc", 1234), std::filesystem::path("/s/ipc/host-1234.sock"));
}

TEST(HelpdeskSocketDir, PidIsReadOnlyFromOurOwnFileNames) {
    EXPECT_EQ(pid_from_socket_name("host-1234.sock"), 1234);
    for (const char* other : {"host-.sock", "host-12a.sock", "host-0.sock", "host-1234.sock.tmp",
                              "guest-1.sock", "host--1.sock", "host-99999999999999999999.sock"})
        EXPECT_EQ(pid_from_socket_name(other), std::nullopt) << other;
}

TEST(HelpdeskSocketDir, SocketPathMustFitSunPathWithItsNul) {
    EXPECT_EQ(max_socket_path_bytes(), sizeof(sockaddr_un::sun_path));
    const std::string fits = "/" + std::string(106, 'a');  // 107 bytes + NUL = 108
    EXPECT_EQ(socket_path_problem(fits, 108), std::nullopt);
    const auto problem = socket_path_problem(fits + "a", 108);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("108 bytes"), std::string::npos) << *problem;
    EXPECT_NE(problem->find("CCP_RELOGIN_STATE_DIR"), std::string::npos) << *problem;
}

TEST(HelpdeskSocketDir, APrivateDirectoryOfOursIsFine) {
    EXPECT_EQ(dir_problem("/d", good_dir(), kMe), std::nullopt);
    DirFacts readable = good_dir();
    readable.mode = 0755;  // others may look, not write
    EXPECT_EQ(dir_problem("/d", readable, kMe), std::nullopt);
}

TEST(HelpdeskSocketDir, UnsafeDirectoriesAreRefusedWithTheReason) {
    const auto refused = [](DirFacts facts, const char* expected) {
        const auto problem = dir_problem("/d", facts, kMe);
        ASSERT_TRUE(problem.has_value()) << expected;
        EXPECT_NE(problem->find(expected), std::string::npos) << *problem;
    };
    DirFacts f = good_dir();
    f.exists = false;
    refused(f, "does not exist");
    f = good_dir();
    f.is_symlink = true;
    f.is_directory = false;
    refused(f, "symbolic link");
    f = good_dir();
    f.is_directory = false;
    refused(f, "not a directory");
    f = good_dir();
    f.owner = 0;
    refused(f, "belongs to uid 0");
    f = good_dir();
    f.mode = 0770;
    refused(f, "writable by other users (mode 0770)");
    f = good_dir();
    f.mode = 01777;
    refused(f, "writable by other users (mode 01777)");
}

TEST(HelpdeskSocketDir, RootMayUseAnotherUsersDirectoryOnlyWhenAllowed) {
    EXPECT_NE(dir_problem("/d", good_dir(), 0), std::nullopt);
    EXPECT_EQ(dir_problem("/d", good_dir(), 0, true), std::nullopt);
    EXPECT_NE(dir_problem("/d", good_dir(), 1001, true), std::nullopt);
}

TEST(HelpdeskSocketDir, PrepareCreatesAPrivateDirectory) {
    TempDir temp;
    const auto dir = temp.path() / "state" / "ipc";
    prepare_ipc_dir(dir);
    struct stat st {};
    ASSERT_EQ(::lstat(dir.c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    prepare_ipc_dir(dir);  // again: fine
}

TEST(HelpdeskSocketDir, PrepareRefusesAWorldWritableDirectory) {
    TempDir temp;
    const auto dir = temp.path() / "ipc";
    std::filesystem::create_directory(dir);
    ::chmod(dir.c_str(), 0777);
    EXPECT_THROW(prepare_ipc_dir(dir), HelpdeskUnavailable);
}

TEST(HelpdeskSocketDir, PrepareRefusesASymlink) {
    TempDir temp;
    std::filesystem::create_directory(temp.path() / "elsewhere");
    ::chmod((temp.path() / "elsewhere").c_str(), 0700);
    std::filesystem::create_directory_symlink(temp.path() / "elsewhere", temp.path() / "ipc");
    try {
        prepare_ipc_dir(temp.path() / "ipc");
        FAIL() << "a symlinked directory was accepted";
    } catch (const HelpdeskUnavailable& e) {
        EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
    }
}

TEST(HelpdeskSocketDir, ListingFindsOnlyHostSocketsInPidOrder) {
    TempDir temp;
    const auto dir = temp.path() / "ipc";
    prepare_ipc_dir(dir);
    make_socket_file(dir / "host-30.sock");
    make_socket_file(dir / "host-4.sock");
    temp.write("ipc/notes.txt", "x");
    temp.write("ipc/host-x.sock", "x");
    const auto sockets = list_host_sockets(dir);
    ASSERT_EQ(sockets.size(), 2u);
    EXPECT_EQ(sockets[0].filename(), "host-4.sock");
    EXPECT_EQ(sockets[1].filename(), "host-30.sock");
}

TEST(HelpdeskSocketDir, ListingAnAbsentDirectoryFindsNothing) {
    TempDir temp;
    EXPECT_TRUE(list_host_sockets(temp.path() / "never-made").empty());
}

TEST(HelpdeskSocketDir, ListingRefusesAnUnsafeDirectory) {
    TempDir temp;
    const auto dir = temp.path() / "ipc";
    std::filesystem::create_directory(dir);
    ::chmod(dir.c_str(), 0722);
    EXPECT_THROW(list_host_sockets(dir), HelpdeskUnavailable);
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
