// platform/files.h and platform/private_dir.h on Windows (windows_files.cpp,
// windows_private_dir.cpp), run under Wine by ./run windows. The POSIX side
// has its own tests (guard_state_store_test.cpp, audit_log_test.cpp, …).
#include <aclapi.h>
#include <gtest/gtest.h>
#include <sddl.h>
#include <windows.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/files.h"
#include "platform/private_dir.h"
#include "platform/windows_security.h"
#include "support/temp_dir.h"

namespace ccp_relogin::platform {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST(WindowsFiles, AMissingFileIsNoneAndAnAppendCreatesIt) {
    const TempDir temp;
    EXPECT_FALSE(open_own_file_if_present(temp / "absent", FileAccess::kRead));
    auto log = open_own_file(temp / "log", FileAccess::kReadAppend);
    log.write_all("one\n");
    EXPECT_EQ(log.size(), 4u);
    EXPECT_EQ(log.read_at(0, 100), "one\n");
    EXPECT_EQ(log.read_at(2, 1), "e");
    EXPECT_EQ(log.read_all(100), "one\n");
    EXPECT_THROW(log.read_all(3), FileProblem);
    log.sync();
}

TEST(WindowsFiles, TwoAppendingHandlesBothWriteAtTheEndWithoutOverwriting) {
    const TempDir temp;
    auto first = open_own_file(temp / "log", FileAccess::kReadAppend);
    auto second = open_own_file(temp / "log", FileAccess::kReadAppend);
    first.write_all("a1\n");
    second.write_all("b1\n");
    first.write_all("a2\n");
    EXPECT_EQ(read_text(temp / "log"), "a1\nb1\na2\n");
}

// As the audit log appends (audit_log.cpp): each line under the lock, each
// writer with a handle of its own. Without the lock Wine loses lines (its
// appends are a size query and a write), so the lock is what keeps them.
TEST(WindowsFiles, ManyWritersAppendingUnderTheLockLoseNoLineAndTearNone) {
    const TempDir temp;
    constexpr int kThreads = 4, kLines = 200;
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t)
        writers.emplace_back([&, t] {
            auto log = open_own_file(temp / "log", FileAccess::kReadAppend);
            for (int i = 0; i < kLines; ++i) {
                const FileLock lock(temp / "log.lock", FileLock::Mode::kExclusive);
                log.write_all(std::string(50, static_cast<char>('a' + t)) + "\n");
            }
        });
    for (auto& writer : writers) writer.join();
    const std::string text = read_text(temp / "log");
    ASSERT_EQ(text.size(), std::size_t{kThreads * kLines * 51});
    for (std::size_t at = 0; at < text.size(); at += 51)
        EXPECT_EQ(text.substr(at, 51), std::string(50, text[at]) + "\n") << "at " << at;
}

TEST(WindowsFiles, AnExclusiveLockKeepsOthersOutUntilReleasedAndSharedLocksCoexist) {
    const TempDir temp;
    {
        const FileLock held(temp / "x.lock", FileLock::Mode::kExclusive);
        EXPECT_THROW(FileLock(temp / "x.lock", FileLock::Mode::kShared, 50ms), FileProblem);
        EXPECT_THROW(FileLock(temp / "x.lock", FileLock::Mode::kExclusive, 50ms), FileProblem);
    }
    const FileLock again(temp / "x.lock", FileLock::Mode::kExclusive, 50ms);
    const FileLock shared1(temp / "s.lock", FileLock::Mode::kShared, 50ms);
    const FileLock shared2(temp / "s.lock", FileLock::Mode::kShared, 50ms);
    EXPECT_THROW(FileLock(temp / "s.lock", FileLock::Mode::kExclusive, 50ms), FileProblem);
}

TEST(WindowsFiles, AWaitingLockIsGrantedOnceTheHolderLetsGo) {
    const TempDir temp;
    auto held = std::make_unique<FileLock>(temp / "x.lock", FileLock::Mode::kExclusive);
    std::thread release([&] {
        std::this_thread::sleep_for(100ms);
        held.reset();
    });
    EXPECT_NO_THROW(FileLock(temp / "x.lock", FileLock::Mode::kExclusive, 5000ms));
    release.join();
}

TEST(WindowsFiles, ADirectoryOrADeviceAtOurNameIsRefusedNotOpened) {
    const TempDir temp;
    std::filesystem::create_directory(temp / "dir");
    EXPECT_THROW(open_own_file(temp / "dir", FileAccess::kRead), FileProblem);
    // NUL in any folder names the null device.
    EXPECT_THROW(open_own_file(temp / "NUL", FileAccess::kReadAppend), FileProblem);
    EXPECT_EQ(read_small_file(temp / "NUL", 100).outcome, SmallFile::Outcome::kNotRegular);
    EXPECT_EQ(read_small_file(temp / "dir", 100).outcome, SmallFile::Outcome::kNotRegular);
}

TEST(WindowsFiles, ALockFileNameTakenByADirectoryIsAnError) {
    const TempDir temp;
    std::filesystem::create_directory(temp / "x.lock");
    EXPECT_ANY_THROW(FileLock(temp / "x.lock", FileLock::Mode::kExclusive, 50ms));
}

TEST(WindowsFiles, ALinkAtOurNameIsRefusedAndTheFileBehindItUntouched) {
    const TempDir temp;
    temp.write("target", "secret");
    if (!::CreateSymbolicLinkW((temp / "link").c_str(), (temp / "target").c_str(), 0))
        GTEST_SKIP() << "this system can't create symbolic links (error " << ::GetLastError()
                     << ")";
    const DWORD attributes = ::GetFileAttributesW((temp / "link").c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_REPARSE_POINT))
        GTEST_SKIP() << "this system's symbolic links are not reparse points (Wine: README.md, "
                        "\"Windows\")";
    EXPECT_THROW(open_own_file(temp / "link", FileAccess::kRead), FileProblem);
    EXPECT_EQ(read_small_file(temp / "link", 100).outcome, SmallFile::Outcome::kLink);
    // A lock file's name is cleared of the link, never written through it.
    { const FileLock lock(temp / "link", FileLock::Mode::kExclusive, 50ms); }
    EXPECT_EQ(read_text(temp / "target"), "secret");
}

void write_fresh(const std::filesystem::path& path, std::string_view text) {
    auto fresh = create_fresh_file(path);
    fresh.write_all(text);
}

TEST(WindowsFiles, ReplaceWaitsOutAReaderThatHoldsTheOldFileForAMoment) {
    const TempDir temp;
    temp.write("state", "old");
    auto reader = std::make_unique<OpenFile>(open_own_file(temp / "state", FileAccess::kRead));
    write_fresh(temp / "state.tmp", "new");
    std::thread done_reading([&] {
        std::this_thread::sleep_for(100ms);
        reader.reset();
    });
    EXPECT_NO_THROW(replace_file(temp / "state.tmp", temp / "state"));
    done_reading.join();
    EXPECT_EQ(read_text(temp / "state"), "new");
    EXPECT_FALSE(std::filesystem::exists(temp / "state.tmp"));
}

// With POSIX rename semantics (Windows 10 on NTFS) the reader keeps the old
// file and the replace succeeds at once; without them (older Windows,
// Wine) the replace gives up after a second with an error naming both
// files, and nothing is lost: the old file and the new one are both intact.
TEST(WindowsFiles, AReaderThatKeepsTheOldFileOpenNeverLosesEitherFile) {
    const TempDir temp;
    temp.write("state", "old");
    const auto reader = open_own_file(temp / "state", FileAccess::kRead);
    write_fresh(temp / "state.tmp", "new");
    try {
        replace_file(temp / "state.tmp", temp / "state");
        EXPECT_EQ(read_text(temp / "state"), "new");
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), std::errc::permission_denied) << e.what();
        EXPECT_NE(std::string(e.what()).find("state.tmp"), std::string::npos) << e.what();
        EXPECT_EQ(read_text(temp / "state.tmp"), "new");
    }
    EXPECT_EQ(reader.read_all(100), "old");
}

TEST(WindowsFiles, CreateFreshReplacesALeftoverAndMoveIfPresentSaysWhenNothingWasThere) {
    const TempDir temp;
    temp.write("tmp", "left over from a crash");
    write_fresh(temp / "tmp", "mine");
    EXPECT_EQ(read_text(temp / "tmp"), "mine");
    EXPECT_FALSE(move_file_if_present(temp / "absent", temp / "elsewhere"));
    EXPECT_TRUE(move_file_if_present(temp / "tmp", temp / "moved"));
    EXPECT_EQ(read_text(temp / "moved"), "mine");
}

TEST(WindowsFiles, AFileKeepsItsIdentityWhenRenamed) {
    const TempDir temp;
    temp.write("audit.jsonl", "line\n");
    const auto before = open_own_file(temp / "audit.jsonl", FileAccess::kRead).identity();
    ASSERT_TRUE(move_file_if_present(temp / "audit.jsonl", temp / "audit.jsonl.1"));
    temp.write("audit.jsonl", "other\n");
    EXPECT_EQ(open_own_file(temp / "audit.jsonl.1", FileAccess::kRead).identity(), before);
    EXPECT_FALSE(open_own_file(temp / "audit.jsonl", FileAccess::kRead).identity() == before);
}

TEST(WindowsFiles, SmallFilesAreReadWithinTheirBound) {
    const TempDir temp;
    temp.write("manifest.json", "{}");
    const auto read = read_small_file(temp / "manifest.json", 10);
    EXPECT_EQ(read.outcome, SmallFile::Outcome::kRead);
    EXPECT_EQ(read.text, "{}");
    EXPECT_EQ(read_small_file(temp / "manifest.json", 1).outcome, SmallFile::Outcome::kTooLarge);
    EXPECT_EQ(read_small_file(temp / "absent", 10).outcome, SmallFile::Outcome::kMissing);
}

TEST(WindowsPrivateDir, ANewStateFolderGetsAProtectedAclOfTheUserAndIsAccepted) {
    const TempDir temp;
    const auto dir = temp / "state" / "ccp-relogin";
    prepare_private_dir(dir, "the state directory");
    const auto facts = inspect_acl_dir(dir);
    EXPECT_TRUE(facts.exists);
    EXPECT_TRUE(facts.is_directory);
    EXPECT_TRUE(facts.owner_is_self) << facts.owner;
    EXPECT_FALSE(facts.null_acl);
    EXPECT_TRUE(facts.writers.empty()) << facts.writers.front();
    EXPECT_EQ(private_dir_problem(dir, "the state directory"), std::nullopt);
    prepare_private_dir(dir, "the state directory");  // again: fine
}

TEST(WindowsPrivateDir, AFolderEveryoneMayWriteIsRefusedWithTheEntryToRemove) {
    const TempDir temp;
    const auto dir = temp / "open";
    ensure_private_dir(dir);
    EXPLICIT_ACCESS_W everyone{};
    wchar_t world[] = L"S-1-1-0";
    PSID sid = nullptr;
    ASSERT_TRUE(::ConvertStringSidToSidW(world, &sid));
    everyone.grfAccessPermissions = FILE_ALL_ACCESS;
    everyone.grfAccessMode = GRANT_ACCESS;
    everyone.grfInheritance = NO_INHERITANCE;
    everyone.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    everyone.Trustee.ptstrName = static_cast<LPWSTR>(sid);
    PACL acl = nullptr;
    ASSERT_EQ(::SetEntriesInAclW(1, &everyone, nullptr, &acl), ERROR_SUCCESS);
    std::wstring name = dir.wstring();
    ASSERT_EQ(::SetNamedSecurityInfoW(name.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION,
                                      nullptr, nullptr, acl, nullptr),
              ERROR_SUCCESS);
    ::LocalFree(acl);
    ::LocalFree(sid);
    const auto problem = private_dir_problem(dir, "the state directory");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("writable by S-1-1-0"), std::string::npos) << *problem;
    EXPECT_NE(problem->find("icacls"), std::string::npos) << *problem;
    EXPECT_THROW(prepare_private_dir(dir, "the state directory"), FileProblem);
}

TEST(WindowsPrivateDir, TheJudgementNamesWhatIsWrongAndTheFix) {
    const std::filesystem::path path = "C:\\state";
    AclDirFacts good{true, false, true, "S-1-5-21-1-2-3-1000", true, false, {}};
    EXPECT_EQ(acl_dir_problem("the state directory", path, good), std::nullopt);
    auto missing = good;
    missing.exists = false;
    EXPECT_NE(acl_dir_problem("the state directory", path, missing)->find("does not exist"),
              std::string::npos);
    auto link = good;
    link.is_link = true;
    EXPECT_NE(acl_dir_problem("the state directory", path, link)->find("junction"),
              std::string::npos);
    auto file = good;
    file.is_directory = false;
    EXPECT_NE(acl_dir_problem("the state directory", path, file)->find("not a directory"),
              std::string::npos);
    auto theirs = good;
    theirs.owner_is_self = false;
    EXPECT_NE(acl_dir_problem("the state directory", path, theirs)->find("belongs to S-1-5-21"),
              std::string::npos);
    EXPECT_EQ(acl_dir_problem("the state directory", path, theirs, true), std::nullopt);
    auto open = good;
    open.null_acl = true;
    EXPECT_NE(acl_dir_problem("the state directory", path, open)->find("everyone"),
              std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::platform
