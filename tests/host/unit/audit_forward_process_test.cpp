// audit/forward_process.h with a stand-in helper (a shell script that keeps
// its arguments and input): the lines reach the helper's stdin, the helper
// starts only with the first line, a refused URL or a missing helper costs
// one stderr line and never an exception.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "audit/forward_process.h"
#include "base/clock.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using namespace std::chrono_literals;
using ccp_relogin::testing::TempDir;

class ForwardProcessTest : public ::testing::Test {
  protected:
    ForwardProcessTest() {
        helper_ = temp_.write("helper", "#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.in\"\n");
        ::chmod(helper_.c_str(), 0700);
    }

    std::string helper_file(const std::string& suffix, std::size_t at_least = 1) const {
        std::string text;
        for (int i = 0; i < 200 && text.size() < at_least; ++i) {
            std::ifstream in(helper_.string() + suffix);
            std::stringstream s;
            s << in.rdbuf();
            text = s.str();
            if (text.size() < at_least) std::this_thread::sleep_for(10ms);
        }
        return text;
    }

    StatusSink status() {
        return [this](const std::string& line) { status_.push_back(line); };
    }

    TempDir temp_;
    std::filesystem::path helper_;
    base::FakeClock clock_{1'000'000};
    std::vector<std::string> status_;
};

TEST_F(ForwardProcessTest, TheHelperIsToldTheFormat) {
    {
        ForwarderProcess forwarder(helper_, "9.9.9", clock_, status());
        ASSERT_TRUE(
            forwarder.set_destination("https://otel.example.com/v1/logs", WireFormat::kOtlp));
        forwarder.enqueue({{"event", "expired"}});
    }
    EXPECT_EQ(
        helper_file(".args"),
        "forward --url https://otel.example.com/v1/logs --host-version 9.9.9 --format otlp\n");
}

TEST_F(ForwardProcessTest, TheHelperIsToldThePinnedKeys) {
    {
        ForwarderProcess forwarder(helper_, "9.9.9", clock_, status());
        ASSERT_TRUE(forwarder.set_destination("https://siem.example.com/in", WireFormat::kJsonArray,
                                              {"A=", "B="}));
        forwarder.enqueue({{"event", "expired"}});
    }
    EXPECT_EQ(
        helper_file(".args"),
        "forward --url https://siem.example.com/in --host-version 9.9.9 --format json --pin A= "
        "--pin B=\n");
}

TEST_F(ForwardProcessTest, LinesGoToTheHelpersInputWithTheDestination) {
    {
        ForwarderProcess forwarder(helper_, "9.9.9", clock_, status());
        ASSERT_TRUE(forwarder.set_destination("https://siem.example.com/in"));
        EXPECT_FALSE(std::filesystem::exists(helper_.string() + ".args"));  // not yet started
        forwarder.enqueue({{"event", "expired"}, {"n", 1}});
        forwarder.enqueue({{"event", "landed"}, {"n", 2}});
        EXPECT_EQ(forwarder.dropped(), 0u);
    }
    EXPECT_EQ(helper_file(".args"),
              "forward --url https://siem.example.com/in --host-version 9.9.9 --format json\n");
    const std::string expected = R"({"event":"expired","n":1})"
                                 "\n"
                                 R"({"event":"landed","n":2})"
                                 "\n";
    EXPECT_EQ(helper_file(".in", expected.size()), expected);
    EXPECT_TRUE(status_.empty());
}

TEST_F(ForwardProcessTest, OffOrRefusedStartsNothing) {
    ForwarderProcess forwarder(helper_, "9.9.9", clock_, status());
    forwarder.enqueue({{"event", "before any destination"}});
    EXPECT_FALSE(forwarder.set_destination("http://siem.example.com/in"));
    EXPECT_FALSE(forwarder.set_destination("http://siem.example.com/in"));
    forwarder.enqueue({{"event", "expired"}});
    ASSERT_EQ(status_.size(), 1u);  // said once per URL
    EXPECT_NE(status_[0].find("audit forwarding is off"), std::string::npos) << status_[0];
    EXPECT_FALSE(std::filesystem::exists(helper_.string() + ".args"));
}

TEST_F(ForwardProcessTest, AMissingHelperDropsLinesAndSaysSoOnce) {
    ForwarderProcess forwarder(temp_ / "no-such-helper", "9.9.9", clock_, status());
    ASSERT_TRUE(forwarder.set_destination("https://siem.example.com/in"));
    for (int i = 0; i < 5; ++i) forwarder.enqueue({{"event", "expired"}});
    EXPECT_EQ(forwarder.dropped(), 5u);
    ASSERT_EQ(status_.size(), 2u) << ::testing::PrintToString(status_);
    EXPECT_NE(status_[0].find("can't start"), std::string::npos) << status_[0];
    EXPECT_NE(status_[1].find("not being forwarded"), std::string::npos) << status_[1];
}

}  // namespace
}  // namespace ccp_relogin::audit
