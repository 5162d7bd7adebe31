#include "audit/forward_queue.h"

#include <algorithm>
#include <utility>

namespace ccp_relogin::audit {

ForwardQueue::ForwardQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

void ForwardQueue::push(nlohmann::json event) {
    events_.push_back(std::move(event));
    trim();
}

std::vector<nlohmann::json> ForwardQueue::take(std::size_t max) {
    std::vector<nlohmann::json> out;
    while (out.size() < max && !events_.empty()) {
        out.push_back(std::move(events_.front()));
        events_.pop_front();
    }
    return out;
}

void ForwardQueue::restore_front(std::vector<nlohmann::json> events) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) events_.push_front(std::move(*it));
    trim();
}

uint64_t ForwardQueue::take_dropped() { return std::exchange(dropped_, 0); }

void ForwardQueue::trim() {
    while (events_.size() > capacity_) {
        events_.pop_front();
        ++dropped_;
    }
}

}  // namespace ccp_relogin::audit
