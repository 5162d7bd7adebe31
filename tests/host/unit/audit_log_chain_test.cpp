// The audit log's hash chain (audit/log_chain.h): what --verify finds in an
// intact log, an edited, removed or moved line, a crash's torn line, lines
// from before the chain, and a log whose oldest lines were rotated away.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/log_chain.h"

namespace ccp_relogin::audit {
namespace {

using Kind = ChainFinding::Kind;

// A chained log of `n` events, as the writer makes it, starting after `prev`.
std::vector<std::string> chained_lines(int n, std::string prev = std::string(kChainStart)) {
    std::vector<std::string> lines;
    for (int i = 0; i < n; ++i) {
        const std::string line =
            nlohmann::json{{"event", "expired"}, {"n", i}, {"prev", prev}}.dump();
        lines.push_back(line);
        prev = chain_link(line);
    }
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

std::vector<Kind> kinds(const std::vector<ChainFinding>& findings) {
    std::vector<Kind> out;
    for (const auto& f : findings) out.push_back(f.kind);
    return out;
}

TEST(AuditChain, AnIntactLogHasNoFinding) {
    EXPECT_TRUE(verify_chain({{"audit.jsonl", joined(chained_lines(5))}}).empty());
}

TEST(AuditChain, AnEditedLineBreaksTheLinkAfterIt) {
    auto lines = chained_lines(5);
    lines[2].replace(lines[2].find("\"n\":2"), 5, "\"n\":7");
    const auto findings = verify_chain({{"audit.jsonl", joined(lines)}});
    ASSERT_EQ(kinds(findings), std::vector<Kind>{Kind::kBroken});
    EXPECT_EQ(findings[0].line, 4u);
    EXPECT_NE(findings[0].message.find("audit.jsonl:4"), std::string::npos);
    EXPECT_TRUE(is_tampering(findings[0]));
}

TEST(AuditChain, ARemovedLineBreaksTheLinkWhereItWas) {
    auto lines = chained_lines(5);
    lines.erase(lines.begin() + 1);
    const auto findings = verify_chain({{"audit.jsonl", joined(lines)}});
    ASSERT_EQ(kinds(findings), std::vector<Kind>{Kind::kBroken});
    EXPECT_EQ(findings[0].line, 2u);
}

TEST(AuditChain, MovedLinesBreakTheChain) {
    auto lines = chained_lines(5);
    std::swap(lines[1], lines[3]);
    const auto findings = verify_chain({{"audit.jsonl", joined(lines)}});
    ASSERT_FALSE(findings.empty());
    for (const auto& f : findings) EXPECT_EQ(f.kind, Kind::kBroken);
}

TEST(AuditChain, RotationCarriesTheChainOnAndTheOldestKeptLineIsSaidSo) {
    const auto lines = chained_lines(6);
    const std::vector<std::string> older(lines.begin(), lines.begin() + 3);
    const std::vector<std::string> newer(lines.begin() + 3, lines.end());
    EXPECT_TRUE(
        verify_chain({{"audit.jsonl.1", joined(older)}, {"audit.jsonl", joined(newer)}}).empty());
    // The older file rotated away: the chain starts late, nothing is broken.
    EXPECT_EQ(kinds(verify_chain({{"audit.jsonl", joined(newer)}})),
              std::vector<Kind>{Kind::kStartsLate});
}

TEST(AuditChain, ALineCutShortIsALinkWhoseContentIsLost) {
    // A crash cut a write short; the next writer ended it with a newline and
    // linked to it (audit_log.cpp).
    auto lines = chained_lines(2);
    const std::string torn = R"({"event":"expir)";
    const std::string after =
        nlohmann::json{{"event", "landed"}, {"prev", chain_link(torn)}}.dump();
    const auto findings =
        verify_chain({{"audit.jsonl", joined(lines) + torn + "\n" + after + "\n"}});
    EXPECT_EQ(kinds(findings), std::vector<Kind>{Kind::kNotJson});
    EXPECT_FALSE(is_tampering(findings[0]));
}

TEST(AuditChain, ALastLineWithoutItsNewlineIsLeftOut) {
    const auto text = joined(chained_lines(2)) + R"({"event":"la)";
    const auto log = split_log(text);
    EXPECT_EQ(log.lines.size(), 2u);
    EXPECT_TRUE(log.torn);
    EXPECT_EQ(kinds(verify_chain({{"audit.jsonl", text}})), std::vector<Kind>{Kind::kTorn});
}

TEST(AuditChain, LinesFromBeforeTheChainAreSaidSoNotBroken) {
    const std::string old = R"({"event":"hello","ts":"2026-11-01T00:00:00.000Z"})";
    const auto lines = chained_lines(2, chain_link(old));
    const auto findings =
        verify_chain({{"audit.jsonl", old + "\n" + old + "\n" + old + "\n" + joined(lines)}});
    ASSERT_EQ(kinds(findings), std::vector<Kind>{Kind::kUnchained});
    EXPECT_EQ(findings[0].message,
              "audit.jsonl:1-3: no \"prev\" (written before the chain existed)");
}

}  // namespace
}  // namespace ccp_relogin::audit

namespace ccp_relogin::audit {
namespace {

// Found by fuzzing (tests/fuzz/targets/audit_log.cpp): a tampered first line
// whose "prev" is no string made verify_chain throw instead of reporting it.
TEST(AuditChain, AFirstLineWhosePrevIsNoStringIsAFindingNotAThrow) {
    const std::string line =
        R"({"id":"3f2b8c1e-9a4d-4c7e-8b1f-2d3e4f5a6b7c","ts":"2026-12-02T07:20:00.123Z",)"
        R"("host":"desk-17","user":"agent7","event":"expired","prev":{"id":"x"}})"
        "\n";
    std::vector<ChainFinding> findings;
    ASSERT_NO_THROW(findings = verify_chain({{"audit.jsonl", line}}));
    EXPECT_FALSE(findings.empty());
}

}  // namespace
}  // namespace ccp_relogin::audit
