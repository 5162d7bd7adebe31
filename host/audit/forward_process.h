#pragma once
// Host mode's side of audit forwarding: it makes sure the user's one
// forwarder (ccp-relogin-network `forward --state-dir`, audit/log_forwarder.h)
// runs while there are lines to send. The forwarder reads the audit log
// itself, so the host hands it nothing and never waits for it: after a line
// is recorded, enqueue() looks (at most once a second) whether
// <state_dir>/forward.lock is held, and if not, starts a forwarder,
// detached, that outlives the host if it must. Two hosts that both start one
// elect one by that lock; the other ends at once.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit/forward_wire.h"
#include "audit/line_forwarder.h"
#include "audit/log_forwarder.h"
#include "base/clock.h"
#include "platform/child_process.h"

namespace ccp_relogin::audit {

inline constexpr const char* kForwarderProgram = "ccp-relogin-network";
inline constexpr const char* kForwardLockFileName = "forward.lock";
inline constexpr std::chrono::milliseconds kForwarderCheckInterval{1'000};

class ForwarderProcess final : public LineForwarder {
  public:
    // `program` is the helper's path (platform::helper_program).
    ForwarderProcess(std::filesystem::path program, std::filesystem::path stateDir,
                     std::string hostVersion, const base::Clock& clock, StatusSink status);

    // Thread-safe. nullopt: forwarding off. A URL forward_url_problem()
    // refuses turns forwarding off and says why, once; returns false then.
    // `pinnedKeys`: audit.forwardPublicKeySha256, passed on to the forwarder;
    // `tokenFile`: audit.forwardTokenFile, its path only (the forwarder reads
    // the token: a secret never goes on a command line, which every user
    // can read in /proc).
    bool set_destination(const std::optional<std::string>& url,
                         WireFormat format = WireFormat::kJsonArray,
                         std::vector<std::string> pinnedKeys = {},
                         std::optional<std::string> tokenFile = {});

    // Thread-safe; `line` is in the local log already. Never waits.
    void enqueue(nlohmann::json line) override;

    // Forwarders this host started (tests).
    int started() const;

  private:
    bool someone_forwards() const;  // the lock is held
    void start_forwarder();         // with mutex_ held

    const std::filesystem::path program_;
    const std::filesystem::path stateDir_;
    const std::string hostVersion_;
    const base::Clock& clock_;
    StatusSink status_;
    mutable std::mutex mutex_;
    std::optional<std::string> url_;
    std::optional<std::string> tokenFile_;
    WireFormat format_ = WireFormat::kJsonArray;
    std::vector<std::string> pinnedKeys_;
    std::string refusedUrl_;
    std::optional<platform::DetachedChild> child_;
    std::optional<int64_t> lastCheckMs_;
    int started_ = 0;
};

}  // namespace ccp_relogin::audit
