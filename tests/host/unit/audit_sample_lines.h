#pragma once
// An audit line as the host writes it for a stop, for the tests of what
// leaves the machine (forwarding formats, the journal).
#include <nlohmann/json.hpp>

namespace ccp_relogin::audit::testing {

inline const nlohmann::json kStoppedLine = {
    {"event", "expired"},
    {"kind", "stopped"},
    {"decision", "stop"},
    {"id", "3f2b8c1e-9a4d-4c7e-8b1f-2d3e4f5a6b7c"},
    {"ts", "2026-12-02T07:20:00.123Z"},
    {"host", "desk-17"},
    {"user", "agent7"},
    {"request", {{"profile", "agents-us"}}},
    {"reply", {{"type", "stop"}, {"diagnosis", "a loop\nof sign-ins"}}}};

}  // namespace ccp_relogin::audit::testing
