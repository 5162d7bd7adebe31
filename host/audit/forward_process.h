#pragma once
// Host mode's side of audit forwarding: the lines go, one JSON line each, to
// the stdin of `ccp-relogin-network forward --url U --host-version V`, which
// queues and sends them (audit_forwarder.h). So the process the browser
// talks to links no network code and never waits for a collector.
//
// The helper starts with the first line to forward, not with the host: a
// `sendNativeMessage` call that records nothing costs nothing. If it cannot
// keep up (its pipe is full) or is gone, the line is not forwarded (it is in
// the local audit log) and stderr says so once; a helper that ended is
// started again, at most once a minute. A change of destination (a policy
// in hello) ends the helper, which sends what it has to the old destination
// first; the next line starts one for the new destination.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audit/forward_state.h"
#include "audit/forward_wire.h"
#include "audit/line_forwarder.h"
#include "base/clock.h"
#include "platform/child_process.h"

namespace ccp_relogin::audit {

inline constexpr const char* kForwarderProgram = "ccp-relogin-network";
inline constexpr std::chrono::milliseconds kForwarderRestartDelay{60'000};

class ForwarderProcess final : public LineForwarder {
  public:
    // `program` is the helper's path (platform::helper_program).
    ForwarderProcess(std::filesystem::path program, std::string hostVersion,
                     const base::Clock& clock, StatusSink status);

    // Thread-safe. nullopt: forwarding off. A URL forward_url_problem()
    // refuses turns forwarding off and says why, once; returns false then.
    // `pinnedKeys`: audit.forwardPublicKeySha256, passed on to the helper.
    bool set_destination(const std::optional<std::string>& url,
                         WireFormat format = WireFormat::kJsonArray,
                         std::vector<std::string> pinnedKeys = {});

    // Thread-safe; never waits for the helper.
    void enqueue(nlohmann::json line) override;

    // Lines not forwarded so far (pipe full, helper gone or not startable).
    uint64_t dropped() const;

  private:
    bool ensure_helper();  // with mutex_ held
    void note_dropped(const std::string& why);

    const std::filesystem::path program_;
    const std::string hostVersion_;
    const base::Clock& clock_;
    StatusSink status_;
    mutable std::mutex mutex_;
    std::optional<std::string> url_;
    WireFormat format_ = WireFormat::kJsonArray;
    std::vector<std::string> pinnedKeys_;
    std::string refusedUrl_;
    std::optional<platform::InputChild> helper_;
    std::optional<int64_t> lastStartMs_;
    uint64_t dropped_ = 0;
    bool reportedDrop_ = false;
};

}  // namespace ccp_relogin::audit
