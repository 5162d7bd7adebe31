#pragma once
// Host mode: what the binary does when a browser starts it. Wires the real
// collaborators (configuration files, the state directory, the system clock,
// the audit log, OpenSSL randomness) to the port and runs the session.

#include <ostream>
#include <string_view>

namespace ccp_relogin::app {

// `origin` is the first argument the browser passed ("chrome-extension://<id>/").
// Returns the process exit code. In order:
//  1. reserves stdout for frames (messaging/reserve_stdout.h);
//  2. loads the configuration without policy;
//  3. refuses a caller that is not an allowed extension: one `error` (code
//     origin), exit 1;
//  4. opens the shared state directory; if it can't: one `error` (code
//     state-unavailable), exit 1, because loop protection needs it;
//  5. offers the helpdesk socket (helpdesk/helpdesk.h) on a thread of its own,
//     or goes on without it, saying why on stderr;
//  6. serves frames until the port closes (host_session.h), then stops the
//     helpdesk socket and removes its file.
int run_host_mode(std::string_view origin, std::ostream& diagnostics);

}  // namespace ccp_relogin::app
