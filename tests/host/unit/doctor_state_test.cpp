// doctor's local-state checks: judging the facts, and gathering them from a
// temporary state directory.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doctor/check_state.h"
#include "doctor/probe_state.h"
#include "guard/guard_state.h"
#include "support/in_child.h"
#include "support/temp_dir.h"

namespace ccp_relogin::doctor {
namespace {

using ccp_relogin::testing::finishes_in_child;
using ccp_relogin::testing::require;
using ccp_relogin::testing::TempDir;

constexpr int64_t kNowMs = 1'750'000'000'000;

TEST(DoctorState, UnknownStateDirFails) {
    StateDirFacts facts;
    facts.dir_error = "cannot find a state directory: set CCP_RELOGIN_STATE_DIR or HOME";
    const auto r = evaluate_state_dir(facts);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_EQ(r.summary, facts.dir_error);
}

TEST(DoctorState, WritableOrCreatableIsOk) {
    EXPECT_EQ(evaluate_state_dir({"/s", "", true, true, "", "", {}}).status, Status::kOk);
    const auto later = evaluate_state_dir({"/s/x", "", false, true, "/s", "", {}});
    EXPECT_EQ(later.status, Status::kOk);
    EXPECT_NE(later.summary.find("creates it"), std::string::npos);
}

TEST(DoctorState, NotWritableFailsAndNamesTheDirectory) {
    const auto r = evaluate_state_dir({"/s/x", "", false, false, "/s", "Permission denied", {}});
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("/s is not writable (Permission denied)"), std::string::npos)
        << r.summary;
    EXPECT_NE(r.fix.find("CCP_RELOGIN_STATE_DIR"), std::string::npos);
}

TEST(DoctorState, GuardFileStates) {
    GuardFileFacts absent{"/s/guard.json", GuardFileFacts::State::kAbsent, "", ""};
    EXPECT_EQ(evaluate_guard_file(absent, kNowMs).status, Status::kOk);

    GuardFileFacts corrupt{"/s/guard.json", GuardFileFacts::State::kPresent, "{\"v\":", ""};
    const auto r = evaluate_guard_file(corrupt, kNowMs);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(r.summary.find("corrupt"), std::string::npos);

    GuardFileFacts unreadable{"/s/guard.json", GuardFileFacts::State::kUnreadable, "",
                              "larger than 1048576 bytes"};
    EXPECT_EQ(evaluate_guard_file(unreadable, kNowMs).status, Status::kWarn);
}

TEST(DoctorState, ACurrentLoopStopWarnsWithItsDiagnosis) {
    guard::GuardState state;
    state.profiles["agents-us"].stopped =
        guard::Stopped{"loop", "the IAM role lacks connect:GetFederationToken", kNowMs + 60000};
    state.profiles["admins-us"].stopped = guard::Stopped{"loop", "old", kNowMs - 1};  // over
    GuardFileFacts facts{"/s/guard.json", GuardFileFacts::State::kPresent,
                         guard::to_json(state).dump(), ""};
    const auto r = evaluate_guard_file(facts, kNowMs);
    EXPECT_EQ(r.status, Status::kWarn);
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_NE(r.details[0].find("agents-us: stopped (loop) until"), std::string::npos);
    EXPECT_NE(r.details[0].find("GetFederationToken"), std::string::npos);
    EXPECT_NE(r.fix.find("ccp-relogin relogin --profile agents-us"), std::string::npos);

    state.profiles["agents-us"].stopped.reset();
    facts.content = guard::to_json(state).dump();
    EXPECT_EQ(evaluate_guard_file(facts, kNowMs).status, Status::kOk);
}

TEST(DoctorState, HelpdeskSocketStates) {
    HelpdeskFacts none;
    none.ipc_dir = "/s/ipc";
    EXPECT_EQ(evaluate_helpdesk(none).status, Status::kOk);
    EXPECT_NE(evaluate_helpdesk(none).summary.find("no host is running"), std::string::npos);

    HelpdeskFacts running = none;
    running.answering_pids = {12, 34};
    EXPECT_NE(evaluate_helpdesk(running).summary.find("2 running host(s)"), std::string::npos);
    EXPECT_NE(evaluate_helpdesk(running).summary.find("pid 12, 34"), std::string::npos);

    HelpdeskFacts unsafe = none;
    unsafe.dir_problem = "the helpdesk socket directory /s/ipc is writable by other users";
    EXPECT_EQ(evaluate_helpdesk(unsafe).status, Status::kWarn);
}

TEST(DoctorStateProbe, ReadsATemporaryStateDirectory) {
    TempDir temp;
    const auto facts = probe_state_dir(temp.path());
    EXPECT_TRUE(facts.exists);
    EXPECT_TRUE(facts.writable) << facts.write_error;
    // The probe file is gone again.
    EXPECT_TRUE(std::filesystem::is_empty(temp.path()));

    const auto missing = probe_state_dir(temp / "a/b/c");
    EXPECT_FALSE(missing.exists);
    EXPECT_TRUE(missing.writable);
    EXPECT_EQ(missing.nearest_existing, temp.path());

    EXPECT_EQ(read_guard_file(temp.path()).state, GuardFileFacts::State::kAbsent);
    temp.write("guard.json", "garbage");
    const auto guard_file = read_guard_file(temp.path());
    EXPECT_EQ(guard_file.state, GuardFileFacts::State::kPresent);
    EXPECT_EQ(guard_file.content, "garbage");

    const auto helpdesk = probe_helpdesk(temp.path());
    EXPECT_FALSE(helpdesk.dir_exists);
    EXPECT_FALSE(helpdesk.dir_problem);
    EXPECT_TRUE(helpdesk.answering_pids.empty());
}

// A state directory that others can write, or that is someone else's: the
// host refuses it (state-unavailable), so doctor must not call it ok.
TEST(DoctorStateProbe, AStateDirectoryOthersCanWriteFailsWithTheFix) {
    TempDir temp;
    ASSERT_EQ(::chmod(temp.path().c_str(), 0777), 0);
    const auto r = evaluate_state_dir(probe_state_dir(temp.path()));
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("writable by other users (mode 0777)"), std::string::npos)
        << r.summary;
    EXPECT_NE(r.summary.find("run chmod 700 on it"), std::string::npos) << r.summary;
    EXPECT_NE(r.fix.find("CCP_RELOGIN_STATE_DIR"), std::string::npos) << r.fix;
}

TEST(DoctorStateProbe, AStateDirectoryOfAnotherUserFailsWithTheFix) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a directory to another user";
    TempDir temp;
    ASSERT_EQ(::chown(temp.path().c_str(), 12345, 12345), 0);
    const auto r = evaluate_state_dir(probe_state_dir(temp.path()));
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("belongs to uid 12345"), std::string::npos) << r.summary;
    EXPECT_NE(r.fix.find("CCP_RELOGIN_STATE_DIR"), std::string::npos) << r.fix;
}

TEST(DoctorStateProbe, AFifoAtTheGuardFileIsReportedNotWaitedFor) {
    TempDir temp;
    ASSERT_EQ(::mkfifo((temp / "guard.json").c_str(), 0600), 0);
    EXPECT_TRUE(finishes_in_child([&] {
        require(read_guard_file(temp.path()).state == GuardFileFacts::State::kUnreadable,
                "a FIFO is unreadable state");
    }));
}

}  // namespace
}  // namespace ccp_relogin::doctor
