// platform/system_log.h on Windows: an entry is reported to the Event Log
// (ReportEventW), and read back from the Application log where the system
// lets us read it.
#include <gtest/gtest.h>
#include <windows.h>

#include <optional>
#include <string>
#include <vector>

#include "platform/system_log.h"
#include "platform/windows_handle.h"

namespace ccp_relogin::platform {
namespace {

// The newest event's type and first string, when the Application log can be
// read; nullopt when it cannot (GetLastError says why).
struct ReadBack {
    WORD type;
    std::wstring text;
};
std::optional<ReadBack> newest_application_event() {
    const HANDLE log = ::OpenEventLogW(nullptr, L"Application");
    if (log == nullptr) return std::nullopt;
    std::vector<char> buffer(0x10000);
    DWORD read = 0;
    DWORD needed = 0;
    const BOOL ok =
        ::ReadEventLogW(log, EVENTLOG_SEQUENTIAL_READ | EVENTLOG_BACKWARDS_READ, 0, buffer.data(),
                        static_cast<DWORD>(buffer.size()), &read, &needed);
    const DWORD error = ::GetLastError();
    ::CloseEventLog(log);
    ::SetLastError(error);
    if (!ok || read == 0) return std::nullopt;
    const auto* record = reinterpret_cast<const EVENTLOGRECORD*>(buffer.data());
    const auto* strings = reinterpret_cast<const wchar_t*>(buffer.data() + record->StringOffset);
    return ReadBack{record->EventType, record->NumStrings > 0 ? strings : L""};
}

TEST(WindowsSystemLog, AnEntryIsReportedToTheEventLog) {
    const SystemLogEntry entry{"ccp-relogin unit test: ü",
                               SystemLogSeverity::kWarning,
                               {{"CCP_RELOGIN_ID", "windows-system-log-test"}}};
    ASSERT_TRUE(write_system_log(entry));
    const auto newest = newest_application_event();
    if (!newest) {
        // Wine 8 keeps no event log to read back (its ReportEventW succeeds
        // and writes nowhere); a real Windows does.
        GTEST_SKIP() << "the Application log cannot be read here (error " << ::GetLastError()
                     << ")";
    }
    EXPECT_EQ(newest->type, EVENTLOG_WARNING_TYPE);
    EXPECT_EQ(newest->text, widen(event_log_text(entry)));
}

TEST(WindowsSystemLog, ANewlineInAValueIsRefusedWhole) {
    EXPECT_FALSE(write_system_log({"line", SystemLogSeverity::kInformation, {{"A", "x\ny"}}}));
    EXPECT_FALSE(write_system_log({"two\nlines", SystemLogSeverity::kInformation, {}}));
}

}  // namespace
}  // namespace ccp_relogin::platform
