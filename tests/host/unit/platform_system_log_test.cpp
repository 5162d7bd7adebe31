// platform/system_log.h: what an entry becomes in the journal and in the
// Event Log (pure; the writing itself: audit_journal_log_test.cpp on Linux,
// windows_system_log_test.cpp on Windows).
#include <gtest/gtest.h>

#include "platform/system_log.h"

namespace ccp_relogin::platform {
namespace {

const SystemLogEntry kWarning{
    "expired stop: looping", SystemLogSeverity::kWarning, {{"A_B", "1"}, {"C", "{\"x\":2}"}}};

TEST(SystemLog, TheJournalGetsAFieldPerValueAndASyslogPriority) {
    using Fields = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(journal_fields(kWarning), (Fields{{"MESSAGE", "expired stop: looping"},
                                                {"PRIORITY", "4"},
                                                {"SYSLOG_IDENTIFIER", "ccp-relogin"},
                                                {"A_B", "1"},
                                                {"C", "{\"x\":2}"}}));
    EXPECT_EQ(journal_fields({"hello", SystemLogSeverity::kInformation, {}}).at(1).second, "6");
}

TEST(SystemLog, TheEventLogGetsOneStringWithTheMessageFirst) {
    EXPECT_EQ(event_log_text(kWarning), "expired stop: looping\r\nA_B=1\r\nC={\"x\":2}");
    EXPECT_EQ(event_log_text({"hello", SystemLogSeverity::kInformation, {}}), "hello");
}

}  // namespace
}  // namespace ccp_relogin::platform
