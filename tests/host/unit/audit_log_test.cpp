// The audit file: one redacted JSON line per event with a timestamp,
// whole lines under concurrency, rotation at the cap, never a throw.
#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "audit/log_chain.h"
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

namespace ccp_relogin::audit {
namespace {

std::string file_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<LogFile> log_of(const std::filesystem::path& dir) {
    std::vector<LogFile> files;
    for (const auto& path : log_files_oldest_first(dir))
        files.push_back({path.filename().string(), file_text(path)});
    return files;
}

bool intact(const std::filesystem::path& dir) {
    for (const auto& f : verify_chain(log_of(dir)))
        if (is_tampering(f)) return false;
    return true;
}

TEST(AuditLog, EveryLineHasAnIdTheWriterAndTheLinkToTheLineBefore) {
    TempDir scratch;
    base::FakeClock clock;
    int next = 0;
    AuditLog log(scratch.path(), clock, AuditLog::kDefaultMaxBytes, {}, {"desk-17", "agent7"},
                 [&] { return "id-" + std::to_string(next++); });
    log.record({{"event", "expired"}});
    log.record({{"event", "landed"}});
    const auto lines = read_lines(log.file());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["id"], "id-0");
    EXPECT_EQ(lines[1]["id"], "id-1");
    EXPECT_EQ(lines[0]["host"], "desk-17");
    EXPECT_EQ(lines[0]["user"], "agent7");
    EXPECT_EQ(lines[0]["prev"], std::string(kChainStart));
    const auto text = file_text(log.file());
    EXPECT_EQ(lines[1]["prev"], chain_link(text.substr(0, text.find('\n'))));
    EXPECT_TRUE(verify_chain(log_of(scratch.path())).empty());
}

TEST(AuditLog, RealIdsAreUniqueUuids) {
    TempDir scratch;
    AuditLog log(scratch.path());
    log.record({{"event", "a"}});
    log.record({{"event", "b"}});
    const auto lines = read_lines(log.file());
    EXPECT_EQ(lines[0]["id"].get<std::string>().size(), 36u);
    EXPECT_NE(lines[0]["id"], lines[1]["id"]);
}

TEST(AuditLog, ALastLineWithoutItsNewlineIsEndedNotGluedOnto) {
    TempDir scratch;
    base::FakeClock clock;
    AuditLog log(scratch.path(), clock);
    log.record({{"event", "expired"}});
    {
        std::ofstream out(log.file(), std::ios::app | std::ios::binary);
        out << R"({"event":"landed","cut)";  // a write a crash cut short
    }
    log.record({{"event", "hello"}});
    const auto text = file_text(log.file());
    const auto parsed = split_log(text);
    ASSERT_EQ(parsed.lines.size(), 3u);
    EXPECT_FALSE(parsed.lines[1].event.has_value()) << "the cut line stands alone";
    ASSERT_TRUE(parsed.lines[2].event.has_value());
    EXPECT_EQ((*parsed.lines[2].event)["event"], "hello");
    EXPECT_TRUE(intact(scratch.path()));
}

TEST(AuditLog, KeepsFiveGenerationsAndTheChainGoesOnAcrossThem) {
    TempDir scratch;
    base::FakeClock clock;
    AuditLog log(scratch.path(), clock, /*maxBytes=*/1000);
    for (int i = 0; i < 60; ++i) log.record({{"event", "expired"}, {"n", i}});
    for (std::size_t g = 1; g <= AuditLog::kKeptFiles; ++g)
        EXPECT_TRUE(std::filesystem::exists(log.rotated_file(g))) << g;
    EXPECT_FALSE(std::filesystem::exists(log.rotated_file(AuditLog::kKeptFiles + 1)));
    // Oldest first, the numbers run on without a gap up to the last event.
    std::vector<int> seen;
    for (const auto& file : log_of(scratch.path()))
        for (const auto& line : split_log(file.text).lines)
            seen.push_back((*line.event)["n"].get<int>());
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), 59);
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_EQ(seen[i], seen[i - 1] + 1);
    const auto findings = verify_chain(log_of(scratch.path()));
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].kind, ChainFinding::Kind::kStartsLate) << "older lines rotated away";
}

TEST(AuditLog, RotationUnderConcurrentWritersLosesNothing) {
    TempDir scratch;
    constexpr int kWriters = 4, kEach = 60;
    // Room for every line in the files kept: rotation, not retention, is tested.
    const std::size_t max_bytes = 15000;  // lines of about 250 bytes: 4 files
    std::vector<pid_t> children;
    for (int w = 0; w < kWriters; ++w) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            AuditLog log(scratch.path(), base::system_clock(), max_bytes);
            for (int i = 0; i < kEach; ++i) log.record({{"event", "expired"}, {"w", w}, {"i", i}});
            ::_exit(log.last_warning().empty() ? 0 : 1);
        }
        children.push_back(pid);
    }
    for (const pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    std::set<std::pair<int, int>> seen;
    std::size_t lines = 0;
    for (const auto& file : log_of(scratch.path()))
        for (const auto& line : split_log(file.text).lines) {
            ASSERT_TRUE(line.event.has_value()) << line.text;
            seen.insert({(*line.event)["w"].get<int>(), (*line.event)["i"].get<int>()});
            ++lines;
        }
    EXPECT_GT(log_files_oldest_first(scratch.path()).size(), 1u) << "it did rotate";
    EXPECT_LE(log_files_oldest_first(scratch.path()).size(), AuditLog::kKeptFiles + 1);
    EXPECT_EQ(lines, static_cast<std::size_t>(kWriters * kEach));
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kEach));
    EXPECT_TRUE(verify_chain(log_of(scratch.path())).empty());
}

TEST(AuditLog, AWriterKilledMidBurstLosesNoAcknowledgedEvent) {
    TempDir scratch;
    int acks[2];
    ASSERT_EQ(::pipe(acks), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(acks[0]);
        AuditLog log(scratch.path());
        for (int i = 0;; ++i) {
            log.record({{"event", "expired"}, {"i", i}});
            // Acknowledged: record() has returned.
            if (::write(acks[1], &i, sizeof i) != sizeof i) ::_exit(1);
        }
    }
    ::close(acks[1]);
    int acknowledged = -1;
    for (int got = 0; got < 200;) {
        int i = 0;
        ASSERT_EQ(::read(acks[0], &i, sizeof i), static_cast<ssize_t>(sizeof i));
        acknowledged = i;
        ++got;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
    // Whatever the child acknowledged after our last read is in the log too.
    for (int i = 0; ::read(acks[0], &i, sizeof i) == sizeof i;) acknowledged = i;
    ::close(acks[0]);

    std::set<int> written;
    for (const auto& file : log_of(scratch.path()))
        for (const auto& line : split_log(file.text).lines)
            if (line.event) written.insert((*line.event)["i"].get<int>());
    for (int i = 0; i <= acknowledged; ++i) ASSERT_TRUE(written.count(i)) << "lost event " << i;
    EXPECT_TRUE(intact(scratch.path()));
}

}  // namespace
}  // namespace ccp_relogin::audit
