#pragma once
// config/ owns the configuration: its schema (the field names are a contract,
// see docs/configuration.md), loading the sources, merging them, and validating the result.
// This header holds only the typed, already-validated configuration that the
// rest of the host reads. Nothing outside config/ parses config JSON.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::config {

enum class Partition { kAws, kAwsUsGov };
enum class ConnectDomain { kMyConnectAws, kAwsApps };  // "my.connect.aws" | "awsapps.com"
enum class Launcher { kLauncher, kMyApps };            // "launcher" | "myapps"
enum class ReloginMode { kTab, kInPlace, kWindow };    // "tab" | "in-place" | "window"
enum class ProbeOnUnknown { kAct, kIgnore };           // "act" | "ignore"
// What a re-login does after the agent was away (the extension decides when
// that was): "on-return" | "ask" | "always".
enum class AfterInactivity { kOnReturn, kAsk, kAlways };

struct Instance {
    std::string id;      // UUID after instance/ in the ARN
    std::string alias;   // <alias>.my.connect.aws / <alias>.awsapps.com
    std::string region;  // e.g. us-east-1 (also required for aws-us-gov)
    Partition partition = Partition::kAws;
    ConnectDomain domain = ConnectDomain::kMyConnectAws;
    // Amazon Connect Global Resiliency: the Entra app posts to the instance's
    // global SAML sign-in endpoint, whose ACS URL carries the destination, so
    // the sign-in URL has no RelayState (federation/global_sign_in.h).
    bool globalResiliency = false;
};

struct Entra {
    std::string tenantId;
    std::string appId;
    Launcher launcher = Launcher::kLauncher;
};

struct Profile {
    std::string name;
    Instance instance;
    Entra entra;
    // Unencoded Connect path, may carry its own query; or an absolute https URL
    // of an approved origin that is also one of returnTo (is_external_destination).
    std::string destination = "/ccp-v2";
    std::vector<std::string> returnTo;  // allowlist of custom-CCP URLs; first is the default
};

// The extension's session probe (extension/lib/probe-rules.js): a credentialed
// GET to the instance's authorize endpoint that confirms or contradicts a text
// hint. The endpoint's real answers are undocumented, so every part of the
// probe is configurable. The defaults are the extension's DEFAULT_PROBE.
struct ProbeSettings {
    bool enabled = true;                                 // false: act on hints unprobed
    std::string path = "/auth/authorize";                // on my.connect.aws instances
    std::string legacyPath = "/connect/auth/authorize";  // on awsapps.com instances
    std::optional<std::vector<int>> signedInStatus;      // nullopt: any 2xx
    std::vector<int> signedOutStatus{401, 403};
    ProbeOnUnknown onUnknown = ProbeOnUnknown::kAct;  // what a hint does when the probe can't tell
};

struct Detection {
    std::vector<std::string> phrases;
    std::vector<std::string> loginPaths;
    ProbeSettings probe;
    // When the browser blocks the Connect cookie inside a custom CCP, the
    // extension may allow it for exactly the profile's Connect host embedded
    // in its returnTo origins (docs/configuration.md). false: it only says so.
    bool fixThirdPartyCookies = true;
};

struct Relogin {
    ReloginMode mode = ReloginMode::kTab;
    int timeoutSeconds = 300;
    AfterInactivity afterInactivity = AfterInactivity::kOnReturn;
};

// The Connect session's lifetime as the company set it (the SAML
// SessionDuration, or the instance's authentication profile), and when the
// extension signs in again before it ends. The host only checks and passes
// these on (welcome.config.session); it cannot see the real lifetime.
struct Session {
    int maxSeconds = 43200;
    int refreshBeforeSeconds = 1800;  // 0: no pre-emptive refresh
    int refreshJitterSeconds = 600;   // spread, so agents don't all refresh at once
};

struct Guard {
    int maxAttempts = 3;
    int windowSeconds = 900;
    int postLoginSeconds = 60;
};

struct Audit {
    std::optional<std::string> forwardUrl;
    std::string forwardFormat = "json";  // "json" | "otlp" | "splunk-hec" (audit/forward_wire.h)
    // Where the Splunk HEC token is (an absolute path); read by the forwarder only.
    std::optional<std::string> forwardTokenFile;
    // The collector's public keys (base64 SHA-256 of the DER SubjectPublicKeyInfo);
    // empty: any key a trusted CA vouches for.
    std::vector<std::string> forwardPublicKeySha256;
    bool systemLog = false;  // also to the systemd journal (audit/journal_log.h)
};

// What the configuration files let the browser policy change (policy_limits.h).
// The policy reaches the host in the extension's hello, so by default it may
// neither redirect the audit trail nor loosen loop protection. Files only.
struct BrowserPolicy {
    bool maySetAuditForwardUrl = false;
    bool mayLoosenGuard = false;
};

struct Config {
    std::vector<Profile> profiles;
    Detection detection;
    Relogin relogin;
    Session session;
    Guard guard;
    Audit audit;
    std::vector<std::string> allowedExtensionIds;
    BrowserPolicy browserPolicy;

    const Profile* find_profile(std::string_view name) const {
        for (const auto& p : profiles)
            if (p.name == name) return &p;
        return nullptr;
    }
};

// One validation problem, printed by check-config as "path: reason".
struct Problem {
    std::string source;  // where it came from: "policy", or a config file path
    std::string path;    // e.g. "profiles[0].instance.id"
    std::string reason;  // e.g. "not a UUID"
};

}  // namespace ccp_relogin::config
