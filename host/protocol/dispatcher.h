#pragma once
// The session logic: one validated request in, one reply out. Everything it
// touches beyond its own memory is injected (configuration loading, the shared
// guard state, the clock, the audit sink, correlation IDs, jitter), so tests
// run it with a temporary state directory and a fake clock.
//
// `hello` is optional. sendNativeMessage starts one host process per message,
// so a one-shot `status` or `expired` must work on its own; until a hello
// arrives the configuration is the file layers alone. A hello's policy
// becomes the highest layer for the rest of the session (a later hello
// replaces it). The origin check does not consider the policy's
// allowedExtensionIds: the caller would be vouching for itself.
//
// Every decision (hello's configuration, expired, landed, failed) is sent to
// the audit sink with its request and reply; the sink redacts (audit/).

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "audit/audit_sink.h"
#include "base/clock.h"
#include "config/config.h"
#include "config/layers.h"
#include "guard/guard_policy.h"
#include "guard/state_store.h"
#include "protocol/messages.h"

namespace ccp_relogin::protocol {

// Loads the effective configuration; `policy` is the managed configuration
// from hello (highest layer) or null.
using ConfigProvider = std::function<config::LoadedConfig(const nlohmann::json* policy)>;
using audit::AuditSink;
using IdGenerator = std::function<std::string()>;

struct Collaborators {
    ConfigProvider load_config;
    guard::StateStore& state;
    const base::Clock& clock;
    AuditSink audit;
    IdGenerator new_correlation_id;
    guard::Jitter jitter;
    // Shown every reply to expired, landed and failed (may be empty): what
    // `relogin --wait` learns the outcome of a forced re-login from
    // (helpdesk/relogin_watch.h). Called on the session thread.
    std::function<void(const nlohmann::json& reply)> on_decision = {};
};

class Dispatcher {
  public:
    // `initial` is the configuration without policy (load_config(nullptr)),
    // already loaded by the caller for the origin check; it serves requests
    // until a hello brings a policy.
    Dispatcher(Collaborators collaborators, config::LoadedConfig initial);

    // The reply to `request`, carrying `re` when the request had an `id`.
    // Does not throw for anything a request can contain; an unusable state
    // directory becomes stop {reason: "state-unavailable"} for every request.
    nlohmann::json handle(const Request& request);

    const config::LoadedConfig& loaded_config() const { return loaded_; }

  private:
    // What this session remembers of the sign-ins it granted, so `landed`
    // and `failed` can answer with the same return target.
    struct GrantedSignIn {
        std::string profile;
        std::string returnUrl;
    };
    static constexpr std::size_t kRememberedSignIns = 64;

    nlohmann::json on_hello(const Hello& hello);
    nlohmann::json on_expired(const Expired& expired);
    nlohmann::json on_landed(const Landed& landed);
    nlohmann::json on_failed(const Failed& failed);
    nlohmann::json on_status();
    nlohmann::json on_cookie_rule(const CookieRule& rule);

    // The profile an expiry belongs to: the one it names, if configured,
    // else the one its frame URL, then (unless the frame is a Connect page)
    // its tab URL, matches; or nullptr.
    const config::Profile* profile_for(const Expired& expired) const;
    guard::DecisionContext decision_context(const config::Profile& profile) const;
    // The profile a sign-in belongs to, from the shared state (in flight or
    // last landed) or, failing that, this session's memory.
    std::optional<std::string> profile_of_sign_in(const guard::GuardState& state,
                                                  const std::string& correlation_id) const;
    std::string remembered_return_url(const std::string& correlation_id,
                                      const config::Profile& profile) const;
    void remember(const guard::Decision& decision, const std::string& profile,
                  const std::string& return_url);
    nlohmann::json no_profile_stop(const Expired& expired) const;
    // Writes the audit line {event, request, decision, reply} and returns
    // `reply`: every request's answer goes through here, early ones included.
    nlohmann::json audited(std::string_view event, nlohmann::json request,
                           nlohmann::json reply) const;

    Collaborators c_;
    std::optional<nlohmann::json> policy_;
    config::LoadedConfig loaded_;
    std::map<std::string, GrantedSignIn> granted_;
    std::deque<std::string> granted_order_;  // oldest first, for forgetting
};

}  // namespace ccp_relogin::protocol
