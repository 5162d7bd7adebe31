// The audit file: one redacted JSON line per event with a timestamp,
// whole lines under concurrency, rotation at the cap, never a throw.
#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "support/in_child.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using testing::finishes_in_child;
using testing::require;
using testing::TempDir;

constexpr uid_t kOtherUid = 12345;

std::vector<nlohmann::json> read_lines(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

struct Warnings {
    std::vector<std::string> lines;
    WarningSink sink() {
        return [this](const std::string& t) { lines.push_back(t); };
    }
};

TEST(AuditLog, Iso8601Utc) {
    EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(iso8601_utc(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
    EXPECT_EQ(iso8601_utc(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(iso8601_utc(951'782'400'000), "2000-02-29T00:00:00.000Z");
}

TEST(AuditLog, AppendsOneRedactedLinePerEventWithATimestamp) {
    TempDir scratch;
    base::FakeClock clock(1'700'000'000'123);
    AuditLog log(scratch / "state", clock);
    log.record({{"type", "relogin"}, {"profile", "agents-us"}, {"SAMLResponse", "x"}});
    clock.advance(1000);
    log.record({{"type", "landed"}, {"url", "https://acme.my.connect.aws/ccp-v2?code=1"}});
    log.record("bare string");

    const auto lines = read_lines(log.file());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["type"], "relogin");
    EXPECT_EQ(lines[0]["ts"], "2023-11-14T22:13:20.123Z");
    EXPECT_FALSE(lines[0].contains("SAMLResponse"));
    EXPECT_EQ(lines[1]["ts"], "2023-11-14T22:13:21.123Z");
    EXPECT_EQ(lines[1]["url"], "https://acme.my.connect.aws/ccp-v2?code=redacted");
    EXPECT_EQ(lines[2]["event"], "bare string");
    EXPECT_EQ(log.last_warning(), "");

    struct stat info {};
    ASSERT_EQ(::stat(log.file().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(AuditLog, InvalidUtf8IsReplacedNotLost) {
    TempDir scratch;
    base::FakeClock clock;
    AuditLog log(scratch.path(), clock);
    log.record({{"evidence", std::string("bad \xff byte")}});
    EXPECT_EQ(read_lines(log.file()).size(), 1u);
    EXPECT_EQ(log.last_warning(), "");
}

TEST(AuditLog, RotatesAtTheCap) {
    TempDir scratch;
    base::FakeClock clock;
    AuditLog log(scratch.path(), clock, /*maxBytes=*/300);
    for (int i = 0; i < 10; ++i) log.record({{"type", "expired"}, {"n", i}});
    const auto rotated = scratch / "audit.jsonl.1";
    ASSERT_TRUE(std::filesystem::exists(rotated));
    EXPECT_LE(std::filesystem::file_size(log.file()), 300u);
    EXPECT_LE(std::filesystem::file_size(rotated), 300u);
    // Nothing lost across the two files' boundary: the newest events are in
    // the current file, the ones before them in .1, in order.
    auto older = read_lines(rotated);
    auto newer = read_lines(log.file());
    ASSERT_FALSE(newer.empty());
    EXPECT_EQ(newer.back()["n"], 9);
    EXPECT_EQ(older.back()["n"].get<int>() + 1, newer.front()["n"].get<int>());
}

TEST(AuditLog, ConcurrentWritersProduceWholeLines) {
    TempDir scratch;
    constexpr int kThreads = 4, kEach = 50;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            AuditLog log(scratch.path(), base::system_clock());
            for (int i = 0; i < kEach; ++i)
                log.record({{"thread", t}, {"i", i}, {"pad", std::string(200, 'x')}});
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(read_lines(scratch / "audit.jsonl").size(),
              static_cast<std::size_t>(kThreads * kEach));
}

TEST(AuditLog, CreatesMissingParentDirectories) {
    TempDir scratch;
    base::FakeClock clock;
    AuditLog log(scratch / "a" / "b" / "state", clock);
    log.record({{"type", "status"}});
    EXPECT_EQ(read_lines(log.file()).size(), 1u);
    struct stat info {};
    ASSERT_EQ(::stat((scratch / "a" / "b" / "state").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);
}

TEST(AuditLog, ASymlinkAtTheLogIsNotFollowed) {
    TempDir scratch;
    const auto target = scratch / "target.txt";
    std::ofstream(target) << "keep";
    std::filesystem::create_symlink(target, scratch / "audit.jsonl");
    Warnings warnings;
    AuditLog log(scratch.path(), base::system_clock(), AuditLog::kDefaultMaxBytes, warnings.sink());
    log.record({{"type", "expired"}});
    EXPECT_EQ(warnings.lines.size(), 1u);
    EXPECT_EQ(std::filesystem::file_size(target), 4u);
}

TEST(AuditLog, AFailureWarnsAndDoesNotThrow) {
    TempDir scratch;
    std::ofstream(scratch / "a-file") << "x";
    Warnings warnings;
    AuditLog log(scratch / "a-file", base::system_clock(), AuditLog::kDefaultMaxBytes,
                 warnings.sink());
    EXPECT_NO_THROW(log.record({{"type", "expired"}}));
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("audit log not written"), std::string::npos);
    EXPECT_EQ(log.last_warning(), warnings.lines[0]);
}

// open(2) of a FIFO for writing waits for a reader, and the audit lock is
// held meanwhile: every host recording an event would hang behind it.
TEST(AuditLog, AFifoAtTheLogWarnsInsteadOfHanging) {
    TempDir scratch;
    ASSERT_EQ(::mkfifo((scratch / "audit.jsonl").c_str(), 0600), 0);
    EXPECT_TRUE(finishes_in_child([&] {
        Warnings warnings;
        AuditLog log(scratch.path(), base::system_clock(), AuditLog::kDefaultMaxBytes,
                     warnings.sink());
        log.record({{"type", "expired"}});
        require(warnings.lines.size() == 1 &&
                    warnings.lines[0].find("not a regular file") != std::string::npos,
                "one warning saying why, got \"" + log.last_warning() + "\"");
    }));
}

// The lock file holds nothing: a symlink found there is replaced, not followed.
TEST(AuditLog, ASymlinkAtTheLockFileIsReplaced) {
    TempDir scratch;
    const auto target = scratch / "target.txt";
    std::ofstream(target) << "keep";
    std::filesystem::create_directory(scratch / "state");
    std::filesystem::create_symlink(target, scratch / "state" / "audit.lock");
    Warnings warnings;
    AuditLog log(scratch / "state", base::system_clock(), AuditLog::kDefaultMaxBytes,
                 warnings.sink());
    log.record({{"type", "expired"}});
    EXPECT_EQ(warnings.lines, std::vector<std::string>{});
    EXPECT_EQ(read_lines(log.file()).size(), 1u);
    EXPECT_EQ(std::filesystem::file_size(target), 4u);
}

TEST(AuditLog, ALogOfAnotherUserIsNotAppendedTo) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
    TempDir scratch;
    std::ofstream(scratch / "audit.jsonl") << "theirs\n";
    ASSERT_EQ(::chown((scratch / "audit.jsonl").c_str(), kOtherUid, kOtherUid), 0);
    Warnings warnings;
    AuditLog log(scratch.path(), base::system_clock(), AuditLog::kDefaultMaxBytes, warnings.sink());
    log.record({{"type", "expired"}});
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("uid 12345"), std::string::npos) << warnings.lines[0];
    EXPECT_EQ(std::filesystem::file_size(scratch / "audit.jsonl"), 7u);
}

// Others who can write the directory could read the trail or append to it.
TEST(AuditLog, ADirectoryOthersCanWriteIsNotWrittenTo) {
    TempDir scratch;
    const auto dir = scratch / "state";
    std::filesystem::create_directory(dir);
    ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);
    Warnings warnings;
    AuditLog log(dir, base::system_clock(), AuditLog::kDefaultMaxBytes, warnings.sink());
    log.record({{"type", "expired"}});
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("writable by other users"), std::string::npos)
        << warnings.lines[0];
    EXPECT_FALSE(std::filesystem::exists(log.file()));
}

}  // namespace
}  // namespace ccp_relogin::audit
