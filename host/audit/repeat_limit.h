#pragma once
// Pure: keeps a flood of one kind of line from pushing the rest out of the
// audit log. Any local process of the agent's user can send the helpdesk
// socket malformed requests as fast as it likes; unlimited, 72,558 such
// lines in 20 s rotated every decision out of the files kept. Per event
// name, at most `max_per_window` lines are written in a window; the others
// are counted, and one "audit-lines-held-back" line says how many when the
// next line of that name comes after the window, or at flush().
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccp_relogin::audit {

class RepeatLimit {
  public:
    RepeatLimit(std::size_t max_per_window, std::int64_t window_ms);

    // The lines to write now for `event` (an object with "event"): none,
    // the event, or the summary of a window that ended and the event.
    std::vector<nlohmann::json> admit(const nlohmann::json& event, std::int64_t now_ms);

    // The summaries of the lines held back and not yet said.
    std::vector<nlohmann::json> flush();

  private:
    struct Window {
        std::int64_t start_ms = 0;
        std::size_t written = 0;
        std::size_t held_back = 0;
    };
    static nlohmann::json summary(const std::string& name, const Window& window);

    std::size_t max_per_window_;
    std::int64_t window_ms_;
    std::map<std::string, Window> windows_;
};

}  // namespace ccp_relogin::audit
