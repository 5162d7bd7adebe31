#pragma once
// `relogin --wait`: what became of the re-logins a helpdesk request forced.
// The socket thread watches the profiles it pushed `force-relogin` for; the
// session thread shows the watch every decision the dispatcher makes
// (protocol::Collaborators::on_decision: the replies to expired, landed and
// failed). Per profile, the first `relogin` granted after the push names the
// sign-in (a retry after `failed` names the next one), its `return` means
// landed, and a `stop` for the profile means stopped. When every watched
// profile has its outcome, the watch's callback gets
//   {"landed": ["agents-us"], "stopped": [{"profile": "…", "reason": "…"}]}
// once, on the thread that saw the last decision.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ccp_relogin::helpdesk {

// One watch's progress. Pure: fed one decision at a time.
class ReloginWaiter {
  public:
    explicit ReloginWaiter(std::vector<std::string> profiles);

    // Takes a dispatcher reply into account; true once every profile has its outcome.
    bool observe(const nlohmann::json& decision);
    bool done() const;
    nlohmann::json outcome() const;

  private:
    std::set<std::string> pending_;
    std::map<std::string, std::string> sign_in_of_;  // profile → correlationId granted
    std::vector<std::string> landed_;
    nlohmann::json stopped_ = nlohmann::json::array();
};

using WatchDone = std::function<void(const nlohmann::json& outcome)>;

// The watches of one host process. Thread-safe.
class ReloginWatch {
  public:
    // Watches `profiles` from now on; `done` is called at most once. Register
    // before pushing, so a decision that comes at once is not missed.
    std::uint64_t watch(std::vector<std::string> profiles, WatchDone done);
    // Forgets a watch (its requester is gone, or the push failed).
    void cancel(std::uint64_t id);
    // One dispatcher decision, from the session thread.
    void observe(const nlohmann::json& decision);

  private:
    struct Entry {
        ReloginWaiter waiter;
        WatchDone done;
    };
    std::mutex mutex_;
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, Entry> entries_;
};

}  // namespace ccp_relogin::helpdesk
