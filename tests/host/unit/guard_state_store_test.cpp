// The shared state file: atomic updates under a lock, from threads and from
// separate processes, private permissions, and a fresh start (with one
// warning) when the file is damaged.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "guard/state_store.h"
#include "platform/files.h"
#include "support/in_child.h"
#include "support/temp_dir.h"

namespace ccp_relogin::guard {
namespace {

using testing::finishes_in_child;
using testing::require;
using testing::TempDir;

constexpr uid_t kOtherUid = 12345;

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The message of the StateUnavailable that `step` throws ("" if none).
template <typename F>
std::string unavailable_message(F&& step) {
    try {
        step();
    } catch (const StateUnavailable& e) {
        return e.what();
    }
    return "";
}

mode_t mode_of(const std::filesystem::path& p) {
    struct stat info {};
    EXPECT_EQ(::stat(p.c_str(), &info), 0) << p;
    return info.st_mode & 0777;
}

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

struct Warnings {
    std::vector<std::string> lines;
    WarningSink sink() {
        return [this](const std::string& text) { lines.push_back(text); };
    }
};

// One "increment": append a value to a profile's attempt list.
void add_attempt(StateStore& store, int64_t value) {
    store.update([&](GuardState& s) { s.profiles["p"].attemptsMs.push_back(value); });
}

TEST(GuardStateStore, StartsEmptyAndCreatesAPrivateDirectory) {
    TempDir scratch;
    const auto dir = scratch / "nested" / "state";
    StateStore store(dir);
    EXPECT_TRUE(std::filesystem::is_directory(dir));
    EXPECT_EQ(mode_of(dir), 0700u);
    EXPECT_EQ(store.read(), GuardState{});
    EXPECT_EQ(store.last_warning(), "");
}

TEST(GuardStateStore, UpdatePersistsAndReturnsTheChangesResult) {
    TempDir scratch;
    {
        StateStore store(scratch.path());
        const int size = store.update([](GuardState& s) {
            s.profiles["agents-us"].attemptsMs.push_back(42);
            return static_cast<int>(s.profiles.size());
        });
        EXPECT_EQ(size, 1);
    }
    StateStore again(scratch.path());
    EXPECT_EQ(again.read().profiles.at("agents-us").attemptsMs, std::vector<int64_t>{42});
    EXPECT_EQ(mode_of(again.state_file()), 0600u);
    EXPECT_FALSE(std::filesystem::exists(scratch / "guard.json.tmp"));
}

TEST(GuardStateStore, AThrowingChangeWritesNothing) {
    TempDir scratch;
    StateStore store(scratch.path());
    add_attempt(store, 1);
    EXPECT_THROW(store.update([](GuardState& s) {
        s.profiles["p"].attemptsMs.push_back(2);
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(store.read().profiles.at("p").attemptsMs, std::vector<int64_t>{1});
}

TEST(GuardStateStore, CorruptFileStartsFreshWithOneWarning) {
    TempDir scratch;
    write_file(scratch / "guard.json", "{\"v\": 1, \"profiles\": [tr");
    Warnings warnings;
    StateStore store(scratch.path(), warnings.sink());
    add_attempt(store, 7);
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("corrupt"), std::string::npos) << warnings.lines[0];
    EXPECT_NE(warnings.lines[0].find("starting fresh"), std::string::npos);
    EXPECT_EQ(store.last_warning(), warnings.lines[0]);
    // The next read finds the repaired file: no second warning.
    EXPECT_EQ(store.read().profiles.at("p").attemptsMs, std::vector<int64_t>{7});
    EXPECT_EQ(warnings.lines.size(), 1u);
}

TEST(GuardStateStore, WrongVersionCountsAsCorrupt) {
    TempDir scratch;
    write_file(scratch / "guard.json", R"({"v": 99, "profiles": {}})");
    Warnings warnings;
    StateStore store(scratch.path(), warnings.sink());
    EXPECT_EQ(store.read(), GuardState{});
    EXPECT_EQ(warnings.lines.size(), 1u);
}

TEST(GuardStateStore, OversizedFileIsNotRead) {
    TempDir scratch;
    write_file(scratch / "guard.json", std::string(StateStore::kMaxFileBytes + 1, ' '));
    Warnings warnings;
    StateStore store(scratch.path(), warnings.sink());
    EXPECT_EQ(store.read(), GuardState{});
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("larger than"), std::string::npos) << warnings.lines[0];
}

TEST(GuardStateStore, StateFileThatIsADirectoryStartsFresh) {
    TempDir scratch;
    std::filesystem::create_directory(scratch / "guard.json");
    Warnings warnings;
    StateStore store(scratch.path(), warnings.sink());
    EXPECT_EQ(store.read(), GuardState{});
    EXPECT_EQ(warnings.lines.size(), 1u);
}

TEST(GuardStateStore, ASymlinkAtTheStateFileIsNotFollowed) {
    TempDir scratch;
    const auto dir = scratch / "state";
    const auto target = scratch / "elsewhere.json";
    write_file(target, to_json(GuardState{}).dump());
    std::filesystem::create_directory(dir);
    std::filesystem::create_symlink(target, dir / "guard.json");
    Warnings warnings;
    StateStore store(dir, warnings.sink());
    add_attempt(store, 1);
    EXPECT_EQ(warnings.lines.size(), 1u);
    // The link itself was replaced by a real file; its target is untouched.
    EXPECT_FALSE(std::filesystem::is_symlink(dir / "guard.json"));
    EXPECT_EQ(parse_state([&] {
                  std::ifstream in(target);
                  return std::string(std::istreambuf_iterator<char>(in), {});
              }()),
              GuardState{});
    EXPECT_EQ(store.read().profiles.at("p").attemptsMs, std::vector<int64_t>{1});
}

TEST(GuardStateStore, UnusableDirectoryThrowsStateUnavailable) {
    TempDir scratch;
    write_file(scratch / "a-file", "x");
    EXPECT_THROW(StateStore(scratch / "a-file" / "state"), StateUnavailable);
}

TEST(GuardStateStore, ConcurrentThreadsLoseNoUpdate) {
    TempDir scratch;
    constexpr int kThreads = 4, kEach = 50;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            try {
                StateStore store(scratch.path());  // its own descriptors, like another process
                for (int i = 0; i < kEach; ++i) add_attempt(store, t * 1000 + i);
            } catch (...) {
                ++failures;  // reported below; an exception must not end the test binary
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    auto attempts = StateStore(scratch.path()).read().profiles.at("p").attemptsMs;
    EXPECT_EQ(attempts.size(), static_cast<std::size_t>(kThreads * kEach));
    std::sort(attempts.begin(), attempts.end());
    EXPECT_EQ(std::adjacent_find(attempts.begin(), attempts.end()), attempts.end());
}

TEST(GuardStateStore, ConcurrentProcessesLoseNoUpdate) {
    TempDir scratch;
    constexpr int kProcesses = 4, kEach = 40;
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int status = 0;
            try {
                StateStore store(scratch.path(), [](const std::string&) {});
                for (int i = 0; i < kEach; ++i) add_attempt(store, p * 1000 + i);
            } catch (...) {
                status = 1;
            }
            ::_exit(status);  // no gtest teardown in the child
        }
        children.push_back(pid);
    }
    StateStore parent(scratch.path());
    for (int i = 0; i < kEach; ++i) add_attempt(parent, 100'000 + i);
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    EXPECT_EQ(parent.read().profiles.at("p").attemptsMs.size(),
              static_cast<std::size_t>((kProcesses + 1) * kEach));
    EXPECT_EQ(parent.last_warning(), "");
}

// Leftovers of a crash or of someone else at the names the store uses. The
// lock file and the temporary file hold nothing: whatever is found there is
// replaced, so the store heals instead of answering state-unavailable forever.
TEST(GuardStateStore, ASymlinkLeftAtTheTempOrLockFileIsReplaced) {
    for (const char* name : {"guard.json.tmp", "guard.lock"}) {
        TempDir scratch;
        const auto target = scratch / "elsewhere";
        write_file(target, "keep");
        const auto dir = scratch / "state";
        std::filesystem::create_directory(dir);
        std::filesystem::create_symlink(target, dir / name);
        StateStore store(dir);
        EXPECT_NO_THROW(add_attempt(store, 1)) << name;
        EXPECT_EQ(store.read().profiles["p"].attemptsMs, std::vector<int64_t>{1}) << name;
        EXPECT_FALSE(std::filesystem::is_symlink(dir / name)) << name;
        EXPECT_EQ(read_text(target), "keep") << name;
    }
}

// A FIFO blocks open(2) until the other end opens: while the lock is held,
// that would hang this host and every other host and doctor waiting for it.
TEST(GuardStateStore, AFifoAtAnyOfItsFilesDoesNotHangIt) {
    for (const char* name : {"guard.json", "guard.json.tmp", "guard.lock"}) {
        TempDir scratch;
        ASSERT_EQ(::mkfifo((scratch / name).c_str(), 0600), 0) << name;
        EXPECT_TRUE(finishes_in_child([&] {
            StateStore store(scratch.path(), [](const std::string&) {});
            add_attempt(store, 1);
            require(store.read().profiles.at("p").attemptsMs == std::vector<int64_t>{1},
                    "the update was kept");
        })) << name;
    }
}

TEST(GuardStateStore, ALockHeldTooLongGivesStateUnavailableNamingTheLock) {
    TempDir scratch;
    const platform::FileLock held(scratch / "guard.lock", platform::FileLock::Mode::kExclusive);
    EXPECT_TRUE(finishes_in_child([&] {
        StateStore store(scratch.path(), [](const std::string&) {});
        const std::string message = unavailable_message([&] { add_attempt(store, 1); });
        require(message.find("guard.lock") != std::string::npos,
                "StateUnavailable naming the lock, got \"" + message + "\"");
    }));
}

TEST(GuardStateStore, AStateFileOfAnotherUserIsNotRead) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
    TempDir scratch;
    GuardState planted;
    planted.profiles["p"].stopped = Stopped{"loop", "planted", 4'000'000'000'000};
    write_file(scratch / "guard.json", to_json(planted).dump());
    ASSERT_EQ(::chown((scratch / "guard.json").c_str(), kOtherUid, kOtherUid), 0);
    Warnings warnings;
    StateStore store(scratch.path(), warnings.sink());
    EXPECT_EQ(store.read(), GuardState{});
    ASSERT_EQ(warnings.lines.size(), 1u);
    EXPECT_NE(warnings.lines[0].find("uid 12345"), std::string::npos) << warnings.lines[0];
}

// Another user who can write the directory could plant guard state (a stop,
// a sign-in in flight) or swap the files between our reads and writes.
TEST(GuardStateStore, AStateDirectoryOthersCanWriteIsRefused) {
    TempDir scratch;
    const auto dir = scratch / "state";
    std::filesystem::create_directory(dir);
    ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);
    const std::string message = unavailable_message([&] { StateStore store(dir); });
    EXPECT_NE(message.find("writable by other users (mode 0777)"), std::string::npos) << message;
    EXPECT_NE(message.find("chmod 700"), std::string::npos) << message;
}

TEST(GuardStateStore, ASymlinkAtTheStateDirectoryIsRefused) {
    TempDir scratch;
    std::filesystem::create_directory(scratch / "real");
    std::filesystem::create_directory_symlink(scratch / "real", scratch / "state");
    const std::string message = unavailable_message([&] { StateStore store(scratch / "state"); });
    EXPECT_NE(message.find("symbolic link"), std::string::npos) << message;
}

TEST(GuardStateStore, AStateDirectoryOfAnotherUserIsRefused) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a directory to another user";
    TempDir scratch;
    const auto dir = scratch / "state";
    std::filesystem::create_directory(dir);
    ASSERT_EQ(::chmod(dir.c_str(), 0700), 0);
    ASSERT_EQ(::chown(dir.c_str(), kOtherUid, kOtherUid), 0);
    const std::string message = unavailable_message([&] { StateStore store(dir); });
    EXPECT_NE(message.find("belongs to uid 12345"), std::string::npos) << message;
}

}  // namespace
}  // namespace ccp_relogin::guard

namespace ccp_relogin::guard {
namespace {

ino_t inode_of(const std::filesystem::path& p) {
    struct stat info {};
    EXPECT_EQ(::stat(p.c_str(), &info), 0) << p;
    return info.st_ino;
}

// Most `wait` answers change nothing: they must not cost a write (each save
// is a new file, so an unchanged inode means nothing was written).
TEST(GuardStateStore, AChangeThatChangesNothingWritesNothing) {
    TempDir scratch;
    StateStore store(scratch.path(), [](const std::string&) {});
    add_attempt(store, 1);
    const ino_t before = inode_of(scratch / "guard.json");
    EXPECT_EQ(store.update([](GuardState& s) { return s.profiles.size(); }), 1u);
    EXPECT_EQ(inode_of(scratch / "guard.json"), before);
    add_attempt(store, 2);
    EXPECT_NE(inode_of(scratch / "guard.json"), before);
}

TEST(GuardStateStore, AnUnreadableFileIsReplacedEvenByAChangeThatChangesNothing) {
    TempDir scratch;
    write_file(scratch / "guard.json", "{not json");
    StateStore store(scratch.path(), [](const std::string&) {});
    store.update([](GuardState&) {});
    EXPECT_NE(read_text(scratch / "guard.json"), "{not json");
    EXPECT_EQ(store.read(), GuardState{});
}

// `status` reads without the lock: a decision in progress in another
// process (holding the lock) does not make it wait, and what it reads is a
// whole state, changed by another process since this one last looked.
TEST(GuardStateStore, ReadingNeitherWaitsForTheLockNorMissesAnotherWriter) {
    TempDir scratch;
    StateStore mine(scratch.path(), [](const std::string&) {});
    StateStore theirs(scratch.path(), [](const std::string&) {});
    add_attempt(mine, 1);
    EXPECT_EQ(mine.read().profiles.at("p").attemptsMs, std::vector<int64_t>{1});
    add_attempt(theirs, 2);
    EXPECT_EQ(mine.read().profiles.at("p").attemptsMs, (std::vector<int64_t>{1, 2}));
    const platform::FileLock held(scratch / "guard.lock", platform::FileLock::Mode::kExclusive);
    EXPECT_TRUE(finishes_in_child([&] {
        require(mine.read().profiles.at("p").attemptsMs.size() == 2, "the state as saved");
    }));
}

}  // namespace
}  // namespace ccp_relogin::guard
