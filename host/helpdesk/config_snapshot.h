#pragma once
// The configuration the session currently uses, for the socket thread. The
// session loads it at start and again on every hello (the browser policy is a
// layer of it), so the helpdesk sees the same profiles the extension does.
// Thread-safe: host mode publishes from the session thread, the helpdesk
// service reads from the socket thread; readers keep an immutable copy.
#include <memory>
#include <mutex>

#include "config/config.h"

namespace ccp_relogin::helpdesk {

class ConfigSnapshot {
  public:
    ConfigSnapshot() : current_(std::make_shared<const config::Config>()) {}

    void publish(config::Config config);
    std::shared_ptr<const config::Config> current() const;

  private:
    mutable std::mutex mutex_;
    std::shared_ptr<const config::Config> current_;
};

}  // namespace ccp_relogin::helpdesk
