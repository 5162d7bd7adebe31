#pragma once
// The events waiting to be forwarded, in order, at most `capacity` of them.
// When full, the oldest event makes room for the newest and is counted as
// dropped: during a long collector outage the newest events are the useful
// ones, and every event is in the local audit log anyway. Not thread-safe
// (AuditForwarder guards it).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <vector>

namespace ccp_relogin::audit {

class ForwardQueue {
  public:
    static constexpr std::size_t kDefaultCapacity = 1000;

    explicit ForwardQueue(std::size_t capacity = kDefaultCapacity);

    void push(nlohmann::json event);

    // Removes and returns up to `max` of the oldest events.
    std::vector<nlohmann::json> take(std::size_t max);

    // Puts events taken by take() back in front (a send failed); if the
    // queue overflows, the oldest go and are counted.
    void restore_front(std::vector<nlohmann::json> events);

    // Events dropped since the last take_dropped(); resets the count.
    uint64_t take_dropped();
    uint64_t dropped() const { return dropped_; }

    std::size_t size() const { return events_.size(); }
    bool empty() const { return events_.empty(); }
    void clear() { events_.clear(); }

  private:
    void trim();

    std::size_t capacity_;
    std::deque<nlohmann::json> events_;
    uint64_t dropped_ = 0;
};

}  // namespace ccp_relogin::audit
