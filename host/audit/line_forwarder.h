#pragma once
// Where the audit trail tells of each line it wrote, when forwarding is on:
// in host mode, forward_process.h, which makes sure the user's forwarder
// (log_forwarder.h) runs to send it.
#include <nlohmann/json.hpp>

namespace ccp_relogin::audit {

class LineForwarder {
  public:
    virtual ~LineForwarder() = default;
    // `line` is a line of the local audit log. Returns at once, never throws.
    virtual void enqueue(nlohmann::json line) = 0;
};

}  // namespace ccp_relogin::audit
