#include "audit/log_chain.h"

#include "base/sha256.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

std::optional<json> parse_event(std::string_view text) {
    // Lines are at most a few KiB and written by the host itself: no depth
    // guard needed beyond the parser's own (redact.h bounds nesting at 8).
    json event = json::parse(text, nullptr, false);
    if (event.is_discarded() || !event.is_object()) return std::nullopt;
    return event;
}

std::string where(const std::string& file, std::size_t line) {
    return file + ":" + std::to_string(line);
}

// Checks one complete line against the link expected before it; returns
// the link the next line must carry.
std::optional<std::string> check_line(const LogLine& line, const std::string& file,
                                      const std::optional<std::string>& expected,
                                      std::vector<ChainFinding>& findings) {
    using Kind = ChainFinding::Kind;
    const std::string here = where(file, line.number);
    if (!line.event) {
        findings.push_back({Kind::kNotJson, file, line.number,
                            here + ": not a JSON line (a write cut short by a crash, or damage); "
                                   "its content is lost, the chain goes through it"});
    } else if (!line.event->contains("prev") || !(*line.event)["prev"].is_string()) {
        // One finding for a run of such lines: a log kept from before the
        // chain has thousands.
        const bool run_goes_on = !findings.empty() && findings.back().kind == Kind::kUnchained &&
                                 findings.back().file == file &&
                                 findings.back().last_line + 1 == line.number;
        if (!run_goes_on) findings.push_back({Kind::kUnchained, file, line.number, ""});
        ChainFinding& run = findings.back();
        run.last_line = line.number;
        run.message = where(file, run.line) +
                      (run.last_line > run.line ? "-" + std::to_string(run.last_line) : "") +
                      ": no \"prev\" (written before the chain existed)";
        return chain_link(line.text);
    } else if (expected && (*line.event)["prev"].get<std::string>() != *expected) {
        findings.push_back(
            {Kind::kBroken, file, line.number,
             here + ": does not follow the line before it: that line was edited, or lines "
                    "were removed or moved here"});
    }
    return chain_link(line.text);
}

}  // namespace

std::string chain_link(std::string_view line) { return base::sha256_hex(line); }

LogText split_log(std::string_view text) {
    LogText out;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        if (end == std::string_view::npos) {
            out.torn = true;
            break;
        }
        const auto line = text.substr(0, end);
        out.lines.push_back({++number, std::string(line), parse_event(line)});
        text.remove_prefix(end + 1);
    }
    return out;
}

std::vector<ChainFinding> verify_chain(const std::vector<LogFile>& oldest_first) {
    using Kind = ChainFinding::Kind;
    std::vector<ChainFinding> findings;
    // Unknown until the first line: the oldest file kept may begin after
    // lines rotated away, so its first link can't be checked.
    std::optional<std::string> expected;
    bool first = true;
    for (const auto& file : oldest_first) {
        const LogText log = split_log(file.text);
        for (const auto& line : log.lines) {
            // A "prev" of any type may be in a tampered file: only the string
            // kChainStart is the chain's start (value() would throw on another type).
            if (first && line.event && line.event->contains("prev") &&
                (*line.event)["prev"] != nlohmann::json(kChainStart))
                findings.push_back({Kind::kStartsLate, file.name, line.number,
                                    where(file.name, line.number) +
                                        ": the oldest line kept; older lines were rotated away"});
            first = false;
            expected = check_line(line, file.name, expected, findings);
        }
        if (log.torn)
            findings.push_back({Kind::kTorn, file.name, log.lines.size() + 1,
                                where(file.name, log.lines.size() + 1) +
                                    ": a last line without its newline (being written, or cut "
                                    "short by a crash); left out"});
    }
    return findings;
}

bool is_tampering(const ChainFinding& finding) {
    return finding.kind == ChainFinding::Kind::kBroken;
}

}  // namespace ccp_relogin::audit
