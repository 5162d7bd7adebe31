#pragma once
// The host-mode loop: read a frame, answer it, write the reply, until the
// browser closes the port. Deliberately thin: the answers come from the
// Dispatcher, the framing from messaging/.
//
// Endings (docs/protocol.md, "Framing"): clean EOF → 0; EOF inside a frame → one line on the
// diagnostics stream, 0; a frame over 1 MiB → `error` too-large, 1 (the
// stream can't be resynchronised); a read or write failure → 1. A browser
// that closed its end while we were replying ends the session with 0.

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "messaging/shared_frame_writer.h"
#include "protocol/dispatcher.h"

namespace ccp_relogin::protocol {

// The reply to one frame body: parse (bad-json, too-deep), validate, then
// dispatch. Never throws: an unexpected exception becomes an `internal`
// error so one bad message can't end a session.
nlohmann::json answer_frame(std::string_view body, Dispatcher& dispatcher);

// Serves frames until the port closes; returns the process exit code.
// Replies go through `writer`, which other threads (the helpdesk socket) may
// share to push frames. `after_first_reply`, if set, runs once the first
// reply is written: what only a port that stays open needs starts there, so
// that a one-message sendNativeMessage is answered without waiting for it.
int run_host_session(messaging::FrameReader& reader, messaging::SharedFrameWriter& writer,
                     Dispatcher& dispatcher, std::ostream& diagnostics,
                     const std::function<void()>& after_first_reply = {});

// The same, with nobody else writing to the port.
int run_host_session(messaging::FrameReader& reader, messaging::FrameWriter& writer,
                     Dispatcher& dispatcher, std::ostream& diagnostics);

}  // namespace ccp_relogin::protocol
