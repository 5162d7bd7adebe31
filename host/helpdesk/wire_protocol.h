#pragma once
// helpdesk/ owns the helpdesk socket: how a running host (host mode, kept alive by
// the extension's connectNative port) lets `ccp-relogin relogin` and
// `ccp-relogin status`, run by the same user, reach it.
//
// The socket protocol
// -------------------
// One Unix-domain stream socket per host process, `<state_dir>/ipc/host-<pid>.sock`,
// in a directory of mode 0700 that the user owns (helpdesk/socket_dir.h). Only a peer with
// the host's uid, or root, may talk (peer_credentials.h); anyone else is
// disconnected without a reply.
//
// Newline-delimited JSON: the client sends ONE request line, the host answers
// with ONE reply line and closes the connection. A request line may be at most
// kMaxRequestBytes (without the newline); a longer one gets the error reply
// `too-long` and the connection is closed. A client that has not sent a whole
// line within kClientTimeout is disconnected, so an idle client can't pin the
// host's socket thread; and when every slot is taken, a new client displaces
// the one that has waited longest (helpdesk/server.h), so idle clients can't
// keep a well-behaved one out meanwhile. Unknown fields in a request are ignored.
//
//   {"type":"status"}
//     → {"ok":true,"pid":1234,"extensionId":"…","version":"0.1.0",
//        "startedAt":"2024-05-01T12:00:00.000Z","trustsDevelopmentExtension":false,
//        "profiles":[{"name":"agents-us","guard":{
//            "attemptsInWindow":1,"maxAttempts":3,"windowSeconds":900,
//            "backoffRemainingMs":0,
//            "inFlight":null | {"correlationId","attempt","startedAt","deadline","overdue"},
//            "stopped":null | {"reason","diagnosis","until"},
//            "lastLandedAt":null | "…"}}]}
//
//   {"type":"relogin","profile":"agents-us","reason":"ticket 42"}
//   {"type":"relogin","reason":"…"}            (no profile: every configured profile)
//     → {"ok":true,"pid":1234,"pushed":["agents-us"]}
//     The host clears the profile's loop/back-off stop and any sign-in in flight
//     (helpdesk/guard_override.h; the attempt limit still applies) and pushes the frame
//     `force-relogin {profile, reason}` to the extension. `reason` is optional
//     (default "helpdesk"), cut to kMaxReasonBytes and made printable (reason.h).
//
//   {"type":"relogin","profile":"agents-us","wait":true}
//     → the same, but only once every forced re-login landed or stopped
//       (helpdesk/relogin_watch.h), with "outcome":
//       {"ok":true,"pid":1234,"pushed":["agents-us"],
//        "outcome":{"landed":["agents-us"],"stopped":[]}}
//       {"ok":false,…,"error":"stopped","outcome":{"landed":[],
//        "stopped":[{"profile":"agents-us","reason":"attempts-exhausted"}]}}
//     and when that takes longer than relogin.timeoutSeconds plus
//     kForcedReloginGrace: {"ok":false,…,"error":"timeout","pushed":[…]}.
//
// Errors: {"ok":false,"pid":1234,"error":"<code>","message":"<one sentence>"}
// with codes bad-json, not-object, missing-field, wrong-type, too-long,
// unknown-type, unknown-profile (plus "profiles": the configured names),
// no-profiles, browser-gone (the port to the extension is closed), internal;
// and for a relogin with wait, stopped and timeout.
//
// Every request is recorded in the audit log, with the peer's uid and pid:
// events helpdesk-status, helpdesk-relogin (profile, reason, pushed,
// stopsLifted), helpdesk-invalid, helpdesk-refused (another uid); and
// helpdesk-unavailable when a host runs without the socket. The requests
// carry nothing secret.
#include <chrono>
#include <cstddef>

namespace ccp_relogin::helpdesk {

// A request line's limit in bytes, without its newline.
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;

// How long a client may take to send its request line.
inline constexpr std::chrono::milliseconds kClientTimeout{5000};

// The helpdesk's reason, after sanitising, in bytes.
inline constexpr std::size_t kMaxReasonBytes = 200;

// relogin --wait: how long the extension may take to answer force-relogin
// with the expiry that starts the sign-in, on top of relogin.timeoutSeconds.
inline constexpr std::chrono::milliseconds kForcedReloginGrace{30000};

// What a relogin without a reason says.
inline constexpr const char* kDefaultReason = "helpdesk";

// Error codes of the socket protocol.
namespace helpdesk_error {
inline constexpr const char* kBadJson = "bad-json";
inline constexpr const char* kNotObject = "not-object";
inline constexpr const char* kMissingField = "missing-field";
inline constexpr const char* kWrongType = "wrong-type";
inline constexpr const char* kTooLong = "too-long";
inline constexpr const char* kUnknownType = "unknown-type";
inline constexpr const char* kUnknownProfile = "unknown-profile";
inline constexpr const char* kNoProfiles = "no-profiles";
inline constexpr const char* kBrowserGone = "browser-gone";
inline constexpr const char* kInternal = "internal";
inline constexpr const char* kStopped = "stopped";
inline constexpr const char* kTimeout = "timeout";
}  // namespace helpdesk_error

}  // namespace ccp_relogin::helpdesk
