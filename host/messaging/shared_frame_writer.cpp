#include "messaging/shared_frame_writer.h"

namespace ccp_relogin::messaging {

messaging::WriteStatus SharedFrameWriter::write(const nlohmann::json& message) {
    // Encoding happens inside FrameWriter::write; a reply is at most 1 MiB,
    // so holding the lock for it costs the other thread little.
    const std::lock_guard lock(mutex_);
    return writer_.write(message);
}

}  // namespace ccp_relogin::messaging
