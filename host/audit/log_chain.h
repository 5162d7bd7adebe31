#pragma once
// Pure: the audit log's tamper evidence. Every line carries "prev", the
// SHA-256 (hex) of the line before it as written, so editing, removing or
// moving a line breaks the link of the line after it; the first line ever
// carries kChainStart, and rotation carries the chain on (the first line of
// a new file links to the last line of the file rotated away). A line that
// is not JSON (the rest of a write cut short by a crash, which the next
// writer ends with a newline) is still a link: only its content is lost.
//
// The chain has no key: whoever can rewrite the whole file can forge it. It
// shows tampering by anyone who edits lines in place, and forwarding to a
// collector keeps the copy they cannot reach (docs/architecture.md, "Audit").
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::audit {

inline constexpr std::string_view kChainStart =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The "prev" the line after `line` carries (`line` without its newline).
std::string chain_link(std::string_view line);

struct LogLine {
    std::size_t number = 0;               // 1-based within its file
    std::string text;                     // without the newline
    std::optional<nlohmann::json> event;  // nullopt: not a JSON object
};

struct LogText {
    std::vector<LogLine> lines;  // complete lines only
    bool torn = false;           // it ends in a line without its newline
};

// A file's text split into lines; a last line without a newline (a write
// in progress, or cut short) is left out and reported as `torn`.
LogText split_log(std::string_view text);

struct LogFile {
    std::string name;  // for messages: "audit.jsonl.2"
    std::string text;
};

struct ChainFinding {
    enum class Kind { kBroken, kNotJson, kUnchained, kTorn, kStartsLate };
    Kind kind;
    std::string file;
    std::size_t line = 0;
    std::string message;
    std::size_t last_line = 0;  // kUnchained: the run of such lines ends here
};

// Walks the files oldest first. kBroken (a line does not follow the one
// before it) is tampering; the others are what crashes, rotation and lines
// from before the chain leave, said so that a reader can judge.
std::vector<ChainFinding> verify_chain(const std::vector<LogFile>& oldest_first);

// True when a finding means the log was changed after it was written.
bool is_tampering(const ChainFinding& finding);

}  // namespace ccp_relogin::audit
