// `ccp-relogin log` (cli/log_command.h) over a real log, and its pure parts
// (audit/log_view.h).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "audit/audit_log.h"
#include "audit/log_view.h"
#include "cli/log_command.h"
#include "cli/options_parser.h"
#include "support/temp_dir.h"

namespace ccp_relogin::cli {
namespace {

using testing::TempDir;

struct Run {
    int code;
    std::string out, err;
};

Run run(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    std::ostringstream out, err;
    const int code = run_log(args, dir, out, err);
    return {code, out.str(), err.str()};
}

void write_three(const std::filesystem::path& dir) {
    base::FakeClock clock(1'764'660'000'000);  // 2025-12-02T07:20:00.000Z
    audit::AuditLog log(dir, clock);
    log.record(
        {{"event", "expired"}, {"decision", "relogin"}, {"request", {{"profile", "agents-us"}}}});
    clock.advance(3'600'000);
    log.record(
        {{"event", "failed"}, {"request", {{"profile", "agents-us"}, {"stage", "connect"}}}});
    clock.advance(3'600'000);
    log.record({{"event", "expired"}, {"decision", "stop"}, {"reply", {{"diagnosis", "a loop"}}}});
}

TEST(LogCommand, ShowsEveryEventReadably) {
    TempDir scratch;
    write_three(scratch.path());
    const auto r = run({}, scratch.path());
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "2025-12-02T07:20:00.000Z  expired relogin  agents-us\n"
              "2025-12-02T08:20:00.000Z  failed  agents-us  stage: connect\n"
              "2025-12-02T09:20:00.000Z  expired stop  diagnosis: a loop\n");
}

TEST(LogCommand, SinceAndJson) {
    TempDir scratch;
    write_three(scratch.path());
    const auto r = run({"--since", "2025-12-02T08", "--json"}, scratch.path());
    EXPECT_EQ(r.code, 0) << r.err;
    std::istringstream lines(r.out);
    std::vector<nlohmann::json> events;
    for (std::string line; std::getline(lines, line);)
        events.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]["event"], "failed");
    EXPECT_TRUE(events[0].contains("prev") && events[0].contains("id"));
    EXPECT_EQ(run({"--since", "yesterday"}, scratch.path()).code, kExitUsage);
}

TEST(LogCommand, VerifySaysIntactOrWhichLineBreaksTheChain) {
    TempDir scratch;
    write_three(scratch.path());
    auto r = run({"--verify"}, scratch.path());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("audit log intact: 3 lines in 1 files"), std::string::npos) << r.out;

    const auto path = scratch / "audit.jsonl";
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    text.replace(text.find("\"relogin\""), 9, "\"wait\"   ");  // edit the first decision
    std::ofstream(path, std::ios::trunc) << text;
    r = run({"--verify"}, scratch.path());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("BROKEN audit.jsonl:2: does not follow the line before it"),
              std::string::npos)
        << r.out;
}

TEST(LogView, SinceTakesAUtcTimePrefixOrASpanBack) {
    const std::int64_t now = 1'764'660'000'000;  // 2025-12-02T07:20:00.000Z
    EXPECT_EQ(audit::since_timestamp("2026-12-02", now), "2026-12-02");
    EXPECT_EQ(audit::since_timestamp("2026-12-02T07:30", now), "2026-12-02T07:30");
    EXPECT_EQ(audit::since_timestamp("15m", now), "2025-12-02T07:05:00.000Z");
    EXPECT_EQ(audit::since_timestamp("2h", now), "2025-12-02T05:20:00.000Z");
    EXPECT_EQ(audit::since_timestamp("1d", now), "2025-12-01T07:20:00.000Z");
    for (const char* bad : {"", "m", "-5m", "5w", "2026/12/02", "2026-12-02 07:30", "20261202x"})
        EXPECT_FALSE(audit::since_timestamp(bad, now)) << bad;
}

TEST(LogView, AReadableLineIsTerminalSafe) {
    const auto line = audit::readable_line({{"ts", "2025-12-02T07:20:00.000Z"},
                                            {"event", "origin-refused"},
                                            {"origin", "x\x1b[31my"}});
    EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
}

// One rule for the readable line, the journal and the collectors: the
// journal's copy used to miss a profile kept at the top of an event.
TEST(LogView, TheProfileIsFoundWhereverAnEventKeepsIt) {
    using nlohmann::json;
    const json in_request = {{"request", {{"profile", "agents-us"}}}, {"reply", json::object()}};
    const json in_reply = {{"request", {{"type", "expired"}}},
                           {"reply", {{"profile", "agents-eu"}}}};
    const json own = {{"event", "helpdesk"}, {"profile", "supervisors"}};
    ASSERT_NE(audit::event_profile(in_request), nullptr);
    EXPECT_EQ(*audit::event_profile(in_request), "agents-us");
    EXPECT_EQ(*audit::event_profile(in_reply), "agents-eu");
    EXPECT_EQ(*audit::event_profile(own), "supervisors");
    EXPECT_EQ(audit::event_profile({{"event", "hello"}}), nullptr);
    EXPECT_EQ(audit::event_profile(json::array()), nullptr);
}

}  // namespace
}  // namespace ccp_relogin::cli
