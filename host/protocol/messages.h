#pragma once
// protocol/ owns the native messaging protocol (docs/protocol.md, a contract
// with the extension): the typed messages the extension sends, validating
// raw JSON into them, the caller-origin check, the session logic that answers
// each message (Dispatcher), and the host-mode loop that ties it to the port.
//
// This header holds the extension → host messages after validation. Field
// names mirror the JSON names. Unknown fields in a message are ignored, so a
// newer extension of the same major version can add fields without breaking
// an older host.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

namespace ccp_relogin::protocol {

// The protocol version this host speaks (`v` in hello/welcome).
inline constexpr std::int64_t kProtocolVersion = 1;

// hello {v, browser, extensionVersion, policy}
struct Hello {
    std::int64_t v = kProtocolVersion;
    std::string browser;
    std::string extensionVersion;
    // The managed-storage configuration; nullopt when the hello said null.
    std::optional<nlohmann::json> policy;
};

// How the extension noticed the expiry.
enum class Signal { kText, kLoginPage, kStreams };  // "text" | "login-page" | "streams"

// expired {tabUrl, frameUrl, signal, evidence, profile?}. The URLs are
// reported by web pages: they only ever choose a profile, they are never sent
// back as targets. `profile` is set by the extension, not by a page, when
// there is no page to choose from: after a helpdesk force-relogin (evidence
// "forced: <reason>") or the agent's "Sign in again" ("manual: …"). When it
// names a configured profile it is used instead of matching the URLs; it
// selects among configured profiles only, like the URLs.
struct Expired {
    std::string tabUrl;
    std::string frameUrl;
    Signal signal = Signal::kText;
    std::string evidence;  // the matched phrase or path
    // A default member initializer keeps `Expired{tab, frame, signal, evidence}`
    // free of -Wmissing-field-initializers.
    std::optional<std::string> profile = std::nullopt;
};

// landed {correlationId, url}: Connect is signed in again.
struct Landed {
    std::string correlationId;
    std::string url;
};

// failed {correlationId, stage, url, evidence}
struct Failed {
    std::string correlationId;
    std::string stage;
    std::string url;
    std::string evidence;
};

// status {}
struct StatusQuery {};

// cookie-rule {action, profile, primaryPattern, secondaryPattern, reason}:
// the extension changed one of its browser cookie rules (it allows the
// profile's Connect host embedded in a custom CCP when the browser blocks
// that cookie, docs/protocol.md). The host decides nothing: it records the
// change in the audit trail. Checked by protocol/cookie_rule.h.
enum class CookieRuleAction { kSet, kClear };  // "set" | "clear"

struct CookieRule {
    CookieRuleAction action = CookieRuleAction::kSet;
    std::string profile;
    std::string primaryPattern;    // "https://<connect host>/*"
    std::string secondaryPattern;  // "https://<custom-CCP host>[:port]/*"
    std::string reason;            // why (cookie_rule.h lists them per action)
};

// sign-in-stalled {correlationId, url, renavigation, quietMs}: the sign-in
// tab made no progress for quietMs (a navigation started or committed, its
// document never parsed), so the extension navigated it to the sign-in URL
// again, the renavigation-th time in this sign-in (docs/protocol.md). The
// host decides nothing: it records it (protocol/sign_in_stall.h).
struct SignInStalled {
    std::string correlationId;
    std::string url;
    std::int64_t renavigation = 1;  // 1, 2, …
    std::int64_t quietMs = 0;
};

// session {event, outcome, profile, reason[, correlationId, stuckMs, signInMs]}:
// a decision the extension took about a session without asking (a sign-out
// respected, a background refresh, the CCP restored). The host records it
// (protocol/session_report.h).
struct SessionReport {
    std::string event;    // restored | refresh | sign-out-respected
    std::string outcome;  // per event: session_report.h
    std::string profile;
    std::string reason;
    std::optional<std::string> correlationId;
    std::optional<std::int64_t> stuckMs;   // restored: expiry seen → CCP back
    std::optional<std::int64_t> signInMs;  // restored: first sign-in attempt → CCP back
};

using RequestBody = std::variant<Hello, Expired, Landed, Failed, StatusQuery, CookieRule,
                                 SignInStalled, SessionReport>;

struct Request {
    // The request's `id` (a string or a number), echoed as `re` in the reply.
    std::optional<nlohmann::json> id;
    RequestBody body;
};

std::string_view to_string(Signal signal);
std::string_view to_string(CookieRuleAction action);

}  // namespace ccp_relogin::protocol
