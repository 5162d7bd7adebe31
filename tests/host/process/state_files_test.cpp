// The real host against a state directory that someone (a crash, a clock
// step, another user, a careless script) left in a bad shape: it answers in
// bounded time, heals what holds nothing, and refuses what it can't trust.
// Every read has the fixture's timeout, so a hang fails instead of hanging.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr int64_t kDayMs = 86'400'000;

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A private state directory, as the host would have made it.
fs::path make_state_dir(const HostFixture& fixture) {
    fs::create_directories(fixture.state_dir());
    ::chmod(fixture.state_dir().c_str(), 0700);
    return fixture.state_dir();
}

// guard.json holding `record` for agents-us, in the format the host writes.
void write_guard_record(const HostFixture& fixture, const json& record) {
    std::ofstream(make_state_dir(fixture) / "guard.json")
        << json{{"v", 1}, {"profiles", {{"agents-us", record}}}}.dump();
}

json answer_to_one_expiry(HostFixture& fixture) {
    auto host = fixture.start();
    host->send(expired_message("e"));
    const json reply = host->expect_reply();
    host->close_input();
    host->wait_exit();
    return reply;
}

TEST(HostStateFiles, AFifoAtAnyStateFileIsAnsweredInsteadOfHangingTheHost) {
    for (const char* name : {"guard.json", "guard.json.tmp", "audit.jsonl"}) {
        HostFixture fixture;
        ASSERT_EQ(::mkfifo((make_state_dir(fixture) / name).c_str(), 0600), 0) << name;
        json reply;
        ASSERT_NO_THROW(reply = answer_to_one_expiry(fixture)) << name;
        EXPECT_EQ(reply["type"], "relogin") << name << ": " << reply.dump();
    }
}

TEST(HostStateFiles, ASymlinkLeftAtTheLockOrTempFileHeals) {
    for (const char* name : {"guard.lock", "guard.json.tmp"}) {
        HostFixture fixture;
        fs::create_symlink(fixture.dir() / "gone", make_state_dir(fixture) / name);
        const json reply = answer_to_one_expiry(fixture);
        EXPECT_EQ(reply["type"], "relogin") << name << ": " << reply.dump();
    }
}

TEST(HostStateFiles, AnOutOfRangeTimeInATamperedGuardFileIsNoLoopStop) {
    HostFixture fixture;
    write_guard_record(fixture, {{"attempts", json::array()},
                                 {"blockedUntilMs", 0},
                                 {"lastLandedCorrelationId", "c"},
                                 {"lastLandedMs", INT64_MIN}});
    const json reply = answer_to_one_expiry(fixture);
    EXPECT_EQ(reply["type"], "relogin") << reply.dump();
    EXPECT_NE(fixture.stderr_text().find("corrupt"), std::string::npos) << fixture.stderr_text();
}

// Granted while the clock ran a day ahead, then the clock was set right.
TEST(HostStateFiles, ASignInGrantedADayAheadWaitsAtMostTheTimeout) {
    HostFixture fixture;
    const int64_t ahead = now_ms() + kDayMs;
    write_guard_record(fixture, {{"attempts", json::array({ahead})},
                                 {"blockedUntilMs", 0},
                                 {"lastLandedCorrelationId", ""},
                                 {"inFlight",
                                  {{"correlationId", "c-1"},
                                   {"startedMs", ahead},
                                   {"deadlineMs", ahead + 300'000},
                                   {"attempt", 1}}}});
    const json reply = answer_to_one_expiry(fixture);
    ASSERT_EQ(reply["type"], "wait") << reply.dump();
    EXPECT_LE(reply["retryAfterMs"].get<int64_t>(), 300'000) << "relogin.timeoutSeconds";
}

TEST(HostStateFiles, AStateDirectoryOthersCanWriteIsRefusedAtStart) {
    HostFixture fixture;
    ::chmod(make_state_dir(fixture).c_str(), 0777);
    auto host = fixture.start();
    const json error = host->expect_reply();
    EXPECT_EQ(error["type"], "error");
    EXPECT_EQ(error["code"], "state-unavailable");
    EXPECT_NE(error["message"].get<std::string>().find("writable by other users"),
              std::string::npos)
        << error.dump();
    EXPECT_EQ(host->wait_exit(), 1);
}

TEST(HostStateFiles, AStateDirectoryOfAnotherUserIsRefusedAtStart) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a directory to another user";
    HostFixture fixture;
    ::chown(make_state_dir(fixture).c_str(), 12345, 12345);
    auto host = fixture.start();
    const json error = host->expect_reply();
    EXPECT_EQ(error["code"], "state-unavailable") << error.dump();
    EXPECT_NE(error["message"].get<std::string>().find("belongs to uid 12345"), std::string::npos)
        << error.dump();
    EXPECT_EQ(host->wait_exit(), 1);
}

}  // namespace
}  // namespace ccp_relogin::process_test
