#include "helpdesk/relogin_watch.h"

#include <utility>

namespace ccp_relogin::helpdesk {

using nlohmann::json;

ReloginWaiter::ReloginWaiter(std::vector<std::string> profiles)
    : pending_(profiles.begin(), profiles.end()) {}

bool ReloginWaiter::observe(const json& decision) {
    if (!decision.is_object()) return done();
    const std::string type = decision.value("type", "");
    const json profile_value = decision.value("profile", json());
    if (!profile_value.is_string()) return done();
    const std::string profile = profile_value.get<std::string>();
    if (!pending_.contains(profile)) return done();
    const std::string correlation = decision.value("correlationId", "");
    if (type == "relogin") {
        sign_in_of_[profile] = correlation;  // the first grant, or the retry after a failure
    } else if (type == "return" && sign_in_of_.contains(profile) &&
               sign_in_of_[profile] == correlation) {
        landed_.push_back(profile);
        pending_.erase(profile);
    } else if (type == "stop") {
        stopped_.push_back({{"profile", profile}, {"reason", decision.value("reason", "")}});
        pending_.erase(profile);
    }
    return done();
}

bool ReloginWaiter::done() const { return pending_.empty(); }

json ReloginWaiter::outcome() const { return {{"landed", landed_}, {"stopped", stopped_}}; }

std::uint64_t ReloginWatch::watch(std::vector<std::string> profiles, WatchDone done) {
    const std::lock_guard lock(mutex_);
    const std::uint64_t id = next_id_++;
    entries_.emplace(id, Entry{ReloginWaiter(std::move(profiles)), std::move(done)});
    return id;
}

void ReloginWatch::cancel(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    entries_.erase(id);
}

void ReloginWatch::observe(const json& decision) {
    std::vector<std::pair<WatchDone, json>> finished;
    {
        const std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.waiter.observe(decision)) {
                finished.emplace_back(std::move(it->second.done), it->second.waiter.outcome());
                it = entries_.erase(it);
            } else {
                ++it;
            }
        }
    }
    // Outside the lock: a callback may start a watch of its own.
    for (auto& [done, outcome] : finished)
        if (done) done(outcome);
}

}  // namespace ccp_relogin::helpdesk
