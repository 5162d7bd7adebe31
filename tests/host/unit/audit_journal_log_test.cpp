// audit.systemLog (audit/journal_log.h, platform/journal_socket.h): what an
// audit line becomes in the journal, sent to a datagram socket standing in
// for journald's, as journald would read it.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "audit/journal_log.h"
#include "audit_sample_lines.h"
#include "platform/journal_socket.h"
#include "support/temp_dir.h"

namespace ccp_relogin::audit {
namespace {

using ccp_relogin::testing::TempDir;
using nlohmann::json;

const json& kStop = testing::kStoppedLine;

// What an audit line becomes in the journal (posix_system_log.cpp).
platform::JournalFields journal_fields(const json& line) {
    return platform::journal_fields(system_log_entry(line));
}

// A bound datagram socket: journald's, for the test.
class FakeJournal {
  public:
    explicit FakeJournal(const std::filesystem::path& path) : path_(path) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("bind");
    }
    ~FakeJournal() { ::close(fd_); }

    // The fields of the next entry, or none when nothing came.
    std::map<std::string, std::string> next() {
        char buffer[65536];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
        std::map<std::string, std::string> fields;
        if (n <= 0) return fields;
        std::string text(buffer, static_cast<std::size_t>(n));
        for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos;
             at = end + 1) {
            const auto line = text.substr(at, end - at);
            fields[line.substr(0, line.find('='))] = line.substr(line.find('=') + 1);
        }
        return fields;
    }

  private:
    std::filesystem::path path_;
    int fd_ = -1;
};

TEST(JournalLog, AnAuditLineIsOneEntryWithItsFields) {
    const auto fields = journal_fields(kStop);
    std::map<std::string, std::string> by_name(fields.begin(), fields.end());
    EXPECT_EQ(by_name["SYSLOG_IDENTIFIER"], "ccp-relogin");
    EXPECT_EQ(by_name["PRIORITY"], "4") << "a stop is a warning";
    EXPECT_EQ(by_name["CCP_RELOGIN_EVENT"], "expired");
    EXPECT_EQ(by_name["CCP_RELOGIN_KIND"], "stopped");
    EXPECT_EQ(by_name["CCP_RELOGIN_ID"], kStop["id"]);
    EXPECT_EQ(by_name["CCP_RELOGIN_PROFILE"], "agents-us");
    EXPECT_EQ(json::parse(by_name["CCP_RELOGIN_JSON"]), kStop);
    EXPECT_EQ(by_name["MESSAGE"].find('\n'), std::string::npos);
    EXPECT_NE(by_name["MESSAGE"].find("expired stop"), std::string::npos) << by_name["MESSAGE"];
}

TEST(JournalLog, TheProfileFieldComesFromWhereverTheLineKeepsIt) {
    const auto fields = journal_fields({{"event", "helpdesk"}, {"profile", "supervisors"}});
    std::map<std::string, std::string> by_name(fields.begin(), fields.end());
    EXPECT_EQ(by_name["CCP_RELOGIN_PROFILE"], "supervisors");
}

TEST(JournalLog, SendsOnlyWhenEnabledAndNeverWaitsForAMissingJournal) {
    TempDir temp;
    FakeJournal journal(temp / "journal.sock");
    JournalLog log(temp / "journal.sock");
    log.enqueue(kStop);
    EXPECT_TRUE(journal.next().empty()) << "off until the configuration says so";
    log.set_enabled(true);
    log.enqueue(kStop);
    const auto got = journal.next();
    EXPECT_EQ(got.at("CCP_RELOGIN_ID"), kStop["id"]);
    EXPECT_EQ(json::parse(got.at("CCP_RELOGIN_JSON")), kStop) << "newlines inside stay escaped";

    JournalLog nowhere(temp / "no-journal.sock");
    nowhere.set_enabled(true);
    nowhere.enqueue(kStop);  // no socket: nothing, no throw
    EXPECT_FALSE(platform::send_to_journal({{"A", "line\nbreak"}}, temp / "journal.sock"))
        << "a raw newline would break the entry";
}

}  // namespace
}  // namespace ccp_relogin::audit
