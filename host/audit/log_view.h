#pragma once
// Pure: reading the audit log back for people (`ccp-relogin log`).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::audit {

// `--since`: an ISO 8601 UTC time or a prefix of one ("2026-12-02",
// "2026-12-02T07:30", "2026-12-02T07:30:00.000Z"), or a span back from
// `now_ms` ("90s", "15m", "2h", "7d"). Returns the earliest "ts" to show
// (lines' "ts" compare as text), or nullopt when `text` is neither.
std::optional<std::string> since_timestamp(std::string_view text, std::int64_t now_ms);

// The profile wherever an event keeps it: its request's, its reply's, or its
// own "profile"; null when it has none. One rule for the readable line, the
// journal's field and the collectors' attribute.
const nlohmann::json* event_profile(const nlohmann::json& event);

// The string an event keeps at `key`, or "" when it has none or something
// else there: a line read back from the file may have been edited into
// anything, and json::value() throws on a type it did not expect.
std::string event_string(const nlohmann::json& event, const char* key);

// One readable line for an audit event, without the newline:
// "<ts>  <event> [<decision>]  <profile>  <detail>", terminal-safe.
std::string readable_line(const nlohmann::json& event);

}  // namespace ccp_relogin::audit
