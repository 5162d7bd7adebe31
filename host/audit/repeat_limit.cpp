#include "audit/repeat_limit.h"

#include "audit/audit_log.h"

namespace ccp_relogin::audit {

RepeatLimit::RepeatLimit(std::size_t max_per_window, std::int64_t window_ms)
    : max_per_window_(max_per_window), window_ms_(window_ms) {}

nlohmann::json RepeatLimit::summary(const std::string& name, const Window& window) {
    return {{"event", "audit-lines-held-back"},
            {"of", name},
            {"count", window.held_back},
            {"since", iso8601_utc(window.start_ms)}};
}

std::vector<nlohmann::json> RepeatLimit::admit(const nlohmann::json& event, std::int64_t now_ms) {
    const std::string name = event.is_object() ? event.value("event", "") : "";
    std::vector<nlohmann::json> lines;
    auto [it, fresh] = windows_.try_emplace(name, Window{now_ms, 0, 0});
    Window& window = it->second;
    if (!fresh && now_ms - window.start_ms >= window_ms_) {
        if (window.held_back > 0) lines.push_back(summary(name, window));
        window = Window{now_ms, 0, 0};
    }
    if (window.written < max_per_window_) {
        ++window.written;
        lines.push_back(event);
    } else {
        ++window.held_back;
    }
    return lines;
}

std::vector<nlohmann::json> RepeatLimit::flush() {
    std::vector<nlohmann::json> lines;
    for (auto& [name, window] : windows_) {
        if (window.held_back > 0) lines.push_back(summary(name, window));
        window.held_back = 0;
    }
    return lines;
}

}  // namespace ccp_relogin::audit
