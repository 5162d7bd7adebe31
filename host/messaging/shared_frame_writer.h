#pragma once
// The browser port written from two threads: the session thread answers
// requests, the helpdesk socket thread (helpdesk/) pushes force-relogin. A frame
// is several bytes written across possibly several write(2) calls, so two
// writers must never interleave: every frame goes out whole under one mutex.
#include <mutex>
#include <nlohmann/json.hpp>

#include "messaging/frame_writer.h"

namespace ccp_relogin::messaging {

class SharedFrameWriter {
  public:
    explicit SharedFrameWriter(messaging::FrameWriter& writer) : writer_(writer) {}

    SharedFrameWriter(const SharedFrameWriter&) = delete;
    SharedFrameWriter& operator=(const SharedFrameWriter&) = delete;

    // FrameWriter::write, one frame at a time (throws what it throws).
    messaging::WriteStatus write(const nlohmann::json& message);

  private:
    std::mutex mutex_;
    messaging::FrameWriter& writer_;
};

}  // namespace ccp_relogin::messaging
