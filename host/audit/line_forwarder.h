#pragma once
// Where the audit trail hands each line it wrote, when forwarding is on:
// in host mode the forwarder process (forward_process.h), in
// ccp-relogin-network the forwarder itself (audit_forwarder.h).
#include <nlohmann/json.hpp>

namespace ccp_relogin::audit {

class LineForwarder {
  public:
    virtual ~LineForwarder() = default;
    // `line` is a line of the local audit log. Returns at once, never throws.
    virtual void enqueue(nlohmann::json line) = 0;
};

}  // namespace ccp_relogin::audit
