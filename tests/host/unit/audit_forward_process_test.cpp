// audit/forward_process.h with a stand-in forwarder (a shell script that
// keeps its arguments): a line starts the user's forwarder with everything
// it needs, unless one holds forward.lock; at most one look a second; a
// refused URL or a missing program costs one stderr line, never an exception.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "audit/forward_process.h"
#include "base/clock.h"
#include "platform/files.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;

class ForwardProcessTest : public ::testing::Test {
  protected:
    ForwardProcessTest() {
        helper_ = temp_.write("helper", "#!/bin/sh\necho \"$@\" >> \"$0.args\"\n");
        ::chmod(helper_.c_str(), 0700);
        std::filesystem::create_directories(state_);
    }

    // The argument lines the stand-in wrote, once `count` of them are there.
    std::vector<std::string> starts(std::size_t count) const {
        std::vector<std::string> lines;
        for (int i = 0; i < 200; ++i) {
            lines.clear();
            std::ifstream in(helper_.string() + ".args");
            for (std::string line; std::getline(in, line);) lines.push_back(line);
            if (lines.size() >= count) break;
            std::this_thread::sleep_for(10ms);
        }
        return lines;
    }

    ForwarderProcess forwarder() {
        return ForwarderProcess(helper_, state_, "9.9.9", clock_, status());
    }

    StatusSink status() {
        return [this](const std::string& line) { status_.push_back(line); };
    }

    TempDir temp_;
    std::filesystem::path helper_;
    std::filesystem::path state_ = temp_ / "state";
    base::FakeClock clock_{1'000'000};
    std::vector<std::string> status_;
};

TEST_F(ForwardProcessTest, ALineStartsTheForwarderWithAllItNeeds) {
    auto f = forwarder();
    ASSERT_TRUE(f.set_destination("https://siem.example.com/in"));
    EXPECT_EQ(f.started(), 0) << "not before a line";
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(f.started(), 1);
    EXPECT_EQ(starts(1).at(0), "forward --state-dir " + state_.string() +
                                   " --url https://siem.example.com/in --host-version 9.9.9 "
                                   "--format json");
    EXPECT_TRUE(status_.empty());
}

TEST_F(ForwardProcessTest, TheFormatAndThePinnedKeysGoAlong) {
    auto f = forwarder();
    ASSERT_TRUE(
        f.set_destination("https://otel.example.com/v1/logs", WireFormat::kOtlp, {"A=", "B="}));
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(starts(1).at(0), "forward --state-dir " + state_.string() +
                                   " --url https://otel.example.com/v1/logs --host-version 9.9.9 "
                                   "--format otlp --pin A= --pin B=");
}

TEST_F(ForwardProcessTest, TheTokenFilesPathGoesAlongNeverAToken) {
    auto f = forwarder();
    ASSERT_TRUE(f.set_destination("https://splunk.example.com:8088/services/collector/event",
                                  WireFormat::kSplunkHec, {}, "/etc/ccp-relogin/hec-token"));
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(starts(1).at(0),
              "forward --state-dir " + state_.string() +
                  " --url https://splunk.example.com:8088/services/collector/event "
                  "--host-version 9.9.9 --format splunk-hec --token-file "
                  "/etc/ccp-relogin/hec-token");
}

TEST_F(ForwardProcessTest, AtMostOneLookASecond) {
    auto f = forwarder();
    ASSERT_TRUE(f.set_destination("https://siem.example.com/in"));
    for (int i = 0; i < 10; ++i) f.enqueue({{"event", "expired"}});
    EXPECT_EQ(f.started(), 1);
    clock_.advance(1'000);
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(f.started(), 2) << "the stand-in holds no lock: it is started again";
}

TEST_F(ForwardProcessTest, NoneIsStartedWhileAForwarderHoldsTheLock) {
    const platform::FileLock running(state_ / kForwardLockFileName,
                                     platform::FileLock::Mode::kExclusive);
    auto f = forwarder();
    ASSERT_TRUE(f.set_destination("https://siem.example.com/in"));
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(f.started(), 0);
}

TEST_F(ForwardProcessTest, OffOrRefusedStartsNothing) {
    auto f = forwarder();
    f.enqueue({{"event", "before any destination"}});
    EXPECT_FALSE(f.set_destination("http://siem.example.com/in"));
    EXPECT_FALSE(f.set_destination("http://siem.example.com/in"));
    f.enqueue({{"event", "expired"}});
    ASSERT_EQ(status_.size(), 1u);  // said once per URL
    EXPECT_NE(status_[0].find("audit forwarding is off"), std::string::npos) << status_[0];
    EXPECT_EQ(f.started(), 0);
}

TEST_F(ForwardProcessTest, AMissingProgramSaysSoAndThrowsNothing) {
    ForwarderProcess f(temp_ / "no-such-helper", state_, "9.9.9", clock_, status());
    ASSERT_TRUE(f.set_destination("https://siem.example.com/in"));
    f.enqueue({{"event", "expired"}});
    EXPECT_EQ(f.started(), 0);
    ASSERT_EQ(status_.size(), 1u) << ::testing::PrintToString(status_);
    EXPECT_NE(status_[0].find("can't start"), std::string::npos) << status_[0];
}

}  // namespace
}  // namespace ccp_relogin::audit
