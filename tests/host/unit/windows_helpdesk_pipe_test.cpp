// The helpdesk channel on Windows (built and run only there: under Wine by
// ./run windows): a real HelpdeskServer on its named pipe, spoken to through
// the CLI's client (helpdesk/client.h) or raw pipe handles where the client
// would be too polite. What Wine does not do (ACLs, FILE_FLAG_FIRST_PIPE_
// INSTANCE) is skipped under Wine and said so (docs/architecture.md, "The
// helpdesk channel on Windows").
#include <aclapi.h>
#include <gtest/gtest.h>
#include <sddl.h>
#include <windows.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "helpdesk/client.h"
#include "helpdesk/peer_credentials.h"
#include "helpdesk/pipe_name.h"
#include "helpdesk/server.h"
#include "helpdesk/socket_dir.h"
#include "helpdesk/windows_pipe.h"
#include "support/temp_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;
using nlohmann::json;
using windows::UniqueHandle;

constexpr long kPid = 4242;

bool running_under_wine() {
    const HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
    return ntdll != nullptr && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

std::wstring pipe_of(long pid) { return *windows::widen_ascii(*pipe_name_for(own_user(), pid)); }

// A raw client handle (blocking), or an invalid one. A busy pipe is tried
// again, as the client does: the server makes the next instance only once
// a client has taken the last one.
UniqueHandle open_raw(long pid) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    for (;;) {
        UniqueHandle pipe(::CreateFileW(pipe_of(pid).c_str(), GENERIC_READ | GENERIC_WRITE, 0,
                                        nullptr, OPEN_EXISTING,
                                        SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, nullptr));
        if (pipe.ok() || ::GetLastError() != ERROR_PIPE_BUSY ||
            std::chrono::steady_clock::now() > deadline)
            return pipe;
        ::Sleep(5);
    }
}

void write_all(HANDLE pipe, const std::string& bytes) {
    DWORD written = 0;
    ASSERT_TRUE(
        ::WriteFile(pipe, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr))
        << ::GetLastError();
    ASSERT_EQ(written, bytes.size());
}

// What the server sends until it closes its end (a read then fails with
// ERROR_BROKEN_PIPE), or up to and with the first newline.
std::string read_reply(HANDLE pipe, bool up_to_newline) {
    std::string text;
    char buffer[4096];
    DWORD got = 0;
    while (::ReadFile(pipe, buffer, sizeof buffer, &got, nullptr) && got > 0) {
        text.append(buffer, got);
        if (up_to_newline && text.find('\n') != std::string::npos) break;
    }
    return text;
}

class WindowsHelpdeskPipe : public ::testing::Test {
  protected:
    WindowsHelpdeskPipe() { prepare_ipc_dir(dir()); }

    std::filesystem::path dir() const { return temp_.path() / "ipc"; }
    std::filesystem::path marker() const { return socket_path_for(dir(), kPid); }

    std::unique_ptr<HelpdeskServer> start(ServerOptions options = {}) {
        return std::make_unique<HelpdeskServer>(
            marker(),
            [this](std::string_view line, const PeerCredentials& peer) {
                const std::lock_guard lock(mutex_);
                lines_.emplace_back(line);
                return json{{"ok", true}, {"echo", line}, {"sid", peer.sid}};
            },
            [this](const std::optional<PeerCredentials>& peer) {
                const std::lock_guard lock(mutex_);
                refused_.push_back(peer ? peer->sid : "unknown");
            },
            [] {
                return json{{"ok", false}, {"error", "too-long"}};
            },
            options);
    }

    TempDir temp_;
    std::mutex mutex_;
    std::vector<std::string> lines_;
    std::vector<std::string> refused_;
};

TEST_F(WindowsHelpdeskPipe, OneRequestLineGetsOneReplyLine) {
    const auto server = start();
    const HostAnswer answer = ask_host(marker(), kPid, {{"type", "status"}});
    ASSERT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    EXPECT_EQ(answer.reply["echo"], R"({"type":"status"})");
    EXPECT_EQ(answer.reply["sid"], own_user()) << "the peer is this process's user";
    EXPECT_TRUE(refused_.empty());
}

TEST_F(WindowsHelpdeskPipe, AnOverlongLineGetsTheTooLongError) {
    const auto server = start();
    const HostAnswer answer =
        ask_host(marker(), kPid, {{"type", "status"}, {"pad", std::string(kMaxRequestBytes, 'x')}});
    ASSERT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    EXPECT_EQ(answer.reply["error"], "too-long");
    EXPECT_TRUE(lines_.empty()) << "the handler never saw it";
}

TEST_F(WindowsHelpdeskPipe, ARawOverlongLineIsAnsweredBeforeTheRestIsRead) {
    const auto server = start();
    const auto pipe = open_raw(kPid);
    ASSERT_TRUE(pipe.ok()) << ::GetLastError();
    write_all(pipe.get(), std::string(kMaxRequestBytes + 1000, 'x') + "\n");
    EXPECT_EQ(json::parse(read_reply(pipe.get(), true))["error"], "too-long");
}

TEST_F(WindowsHelpdeskPipe, ALineOfExactlyTheLimitIsServed) {
    const auto server = start();
    const auto pipe = open_raw(kPid);
    ASSERT_TRUE(pipe.ok()) << ::GetLastError();
    write_all(pipe.get(), std::string(kMaxRequestBytes, 'x') + "\n");
    const json reply = json::parse(read_reply(pipe.get(), false));
    EXPECT_EQ(reply["echo"].get<std::string>().size(), kMaxRequestBytes);
}

TEST_F(WindowsHelpdeskPipe, AnIdleClientIsDisconnectedAfterTheTimeout) {
    const auto server = start(ServerOptions{.clientTimeout = 100ms});
    const auto pipe = open_raw(kPid);
    ASSERT_TRUE(pipe.ok()) << ::GetLastError();
    EXPECT_EQ(read_reply(pipe.get(), false), "");
    EXPECT_EQ(::GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_EQ(ask_host(marker(), kPid, {{"type", "status"}}).outcome,
              HostAnswer::Outcome::kReplied);
}

// Every client gets an instance of its own: the server makes the next one as
// each client comes; and idle ones make room as on Linux (server.h).
TEST_F(WindowsHelpdeskPipe, ANinthClientIsServedWhileEightIdleOnesAreOpen) {
    const auto server = start(ServerOptions{.clientTimeout = 10s, .maxConnections = 8});
    std::vector<UniqueHandle> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(open_raw(kPid));
        ASSERT_TRUE(idle.back().ok()) << ::GetLastError();
    }
    const HostAnswer answer = ask_host(marker(), kPid, {{"type", "status"}}, 2s);
    EXPECT_EQ(answer.outcome, HostAnswer::Outcome::kReplied) << answer.problem;
    EXPECT_EQ(read_reply(idle.front().get(), false), "") << "the oldest made room";
    write_all(idle.back().get(), "{}\n");
    EXPECT_NE(read_reply(idle.back().get(), false), "");
}

// Read back from the pipe itself: one entry, full access for our SID,
// nothing inherited. (Wine keeps the descriptor but enforces none of it.)
TEST_F(WindowsHelpdeskPipe, ThePipesDaclNamesOnlyOurSid) {
    const auto server = start();
    const auto pipe = open_raw(kPid);
    ASSERT_TRUE(pipe.ok()) << ::GetLastError();
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    ASSERT_EQ(::GetSecurityInfo(pipe.get(), SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                                nullptr, &dacl, nullptr, &descriptor),
              static_cast<DWORD>(ERROR_SUCCESS));
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    ASSERT_TRUE(::GetSecurityDescriptorControl(descriptor, &control, &revision));
    EXPECT_TRUE(control & SE_DACL_PROTECTED);
    ASSERT_NE(dacl, nullptr) << "a NULL DACL lets everyone in";
    ASSERT_EQ(dacl->AceCount, 1);
    void* ace = nullptr;
    ASSERT_TRUE(::GetAce(dacl, 0, &ace));
    const auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
    EXPECT_EQ(allowed->Header.AceType, ACCESS_ALLOWED_ACE_TYPE);
    LPWSTR sid = nullptr;
    ASSERT_TRUE(::ConvertSidToStringSidW(const_cast<DWORD*>(&allowed->SidStart), &sid));
    EXPECT_EQ(std::wstring(sid), *windows::widen_ascii(own_user()));
    ::LocalFree(sid);
    ::LocalFree(descriptor);
}

TEST_F(WindowsHelpdeskPipe, ASecondServerForTheSameHostFails) {
    const auto server = start();
    EXPECT_THROW(start(), HelpdeskUnavailable);
    EXPECT_EQ(ask_host(marker(), kPid, {{"type", "status"}}).outcome, HostAnswer::Outcome::kReplied)
        << "the first still serves";
}

// Someone made a pipe of our name first (another user, waiting for our
// clients): the host must not join it. FILE_FLAG_FIRST_PIPE_INSTANCE, which
// Wine ignores.
TEST_F(WindowsHelpdeskPipe, APipeNameTakenBeforeUsIsRefused) {
    if (running_under_wine()) GTEST_SKIP() << "Wine ignores FILE_FLAG_FIRST_PIPE_INSTANCE";
    const UniqueHandle squatter(::CreateNamedPipeW(pipe_of(kPid).c_str(), PIPE_ACCESS_DUPLEX,
                                                   PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES, 0, 0,
                                                   0, nullptr));
    ASSERT_TRUE(squatter.ok()) << ::GetLastError();
    try {
        start();
        FAIL() << "the host joined a pipe someone else made";
    } catch (const HelpdeskUnavailable& e) {
        EXPECT_NE(std::string(e.what()).find("exists already"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(marker())) << "not announced";
}

TEST_F(WindowsHelpdeskPipe, TheMarkerIsThereWhileTheServerRunsAndGoesWithIt) {
    auto server = start();
    EXPECT_TRUE(std::filesystem::is_regular_file(marker()));
    EXPECT_EQ(list_host_sockets(dir()), std::vector<std::filesystem::path>{marker()});
    EXPECT_FALSE(::DeleteFileW(marker().c_str())) << "nobody else can remove it meanwhile";
    server.reset();
    EXPECT_FALSE(std::filesystem::exists(marker()));
    EXPECT_EQ(ask_host(marker(), kPid, {{"type", "status"}}).outcome, HostAnswer::Outcome::kGone)
        << "no pipe, no marker: the host exited";
}

TEST_F(WindowsHelpdeskPipe, AMarkerLeftBehindByAnEarlierProcessIsReplaced) {
    temp_.write("ipc/host-4242.pipe", "left behind by an earlier process with this pid");
    const auto server = start();
    EXPECT_EQ(ask_host(marker(), kPid, {{"type", "status"}}).outcome,
              HostAnswer::Outcome::kReplied);
}

TEST_F(WindowsHelpdeskPipe, EveryHostIsAskedAndAStaleMarkerIsRemoved) {
    const auto server = start();
    // A host that left its marker (Windows crashed): no pipe of that pid.
    const auto stale = temp_.write("ipc/host-99.pipe", "");
    const auto answers = ask_every_host(dir(), {{"type", "status"}});
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0].pid, 99);
    EXPECT_EQ(answers[0].outcome, HostAnswer::Outcome::kStaleRemoved);
    EXPECT_FALSE(std::filesystem::exists(stale));
    EXPECT_EQ(answers[1].pid, kPid);
    EXPECT_EQ(answers[1].outcome, HostAnswer::Outcome::kReplied) << answers[1].problem;
}

TEST_F(WindowsHelpdeskPipe, AMissingPipeWithoutAMarkerIsGone) {
    const HostAnswer answer = ask_host(socket_path_for(dir(), 77), 77, {{"type", "status"}});
    EXPECT_EQ(answer.outcome, HostAnswer::Outcome::kGone) << answer.problem;
}

TEST_F(WindowsHelpdeskPipe, AHostThatDoesNotAnswerCostsOnlyTheTimeout) {
    // A pipe of our name whose server never reads nor answers.
    const auto silent =
        windows::create_pipe_instance(*pipe_name_for(own_user(), 55), own_user(), true);
    ASSERT_TRUE(silent.ok()) << ::GetLastError();
    const auto started = std::chrono::steady_clock::now();
    const HostAnswer answer = ask_host(socket_path_for(dir(), 55), 55, {{"type", "status"}}, 200ms);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_EQ(answer.outcome, HostAnswer::Outcome::kFailed);
    EXPECT_NE(answer.problem.find("no answer"), std::string::npos) << answer.problem;
}

TEST_F(WindowsHelpdeskPipe, AMarkerNotNamedForAPidIsRefused) {
    EXPECT_THROW(
        HelpdeskServer(
            dir() / "host.pipe", [](std::string_view, const PeerCredentials&) { return json(); },
            [](const std::optional<PeerCredentials>&) {}, [] { return json(); }),
        HelpdeskUnavailable);
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
