#include "helpdesk/config_snapshot.h"

#include <utility>

namespace ccp_relogin::helpdesk {

void ConfigSnapshot::publish(config::Config config) {
    auto next = std::make_shared<const config::Config>(std::move(config));
    const std::lock_guard lock(mutex_);
    current_ = std::move(next);
}

std::shared_ptr<const config::Config> ConfigSnapshot::current() const {
    const std::lock_guard lock(mutex_);
    return current_;
}

}  // namespace ccp_relogin::helpdesk
