// The configuration the extension works with: welcome.config from the host
// (already merged: policy > CCP_RELOGIN_CONFIG > user file > machine file),
// with defaults filled in, plus the agent's own choice of re-login mode from
// the options page — which applies only when policy does not set the mode.
import { DEFAULT_LOGIN_PATHS, profileConnectOrigin } from "./url-rules.js";
import { probeSettings } from "./probe-rules.js";

export const MODES = Object.freeze(["tab", "in-place", "window"]);
export const DEFAULT_TIMEOUT_SECONDS = 300;
export const DEFAULT_GUARD = Object.freeze({ maxAttempts: 3, windowSeconds: 900, postLoginSeconds: 60 });
export const AFTER_INACTIVITY = Object.freeze(["on-return", "ask", "always"]);
export const DEFAULT_SESSION = Object.freeze({ maxSeconds: 43200, refreshBeforeSeconds: 1800, refreshJitterSeconds: 600 });

// welcome.session, as the host validated it (docs/configuration.md); an older
// host sends none, and then the defaults apply. The cross-key rules are
// re-checked so a bad value can't schedule a refresh in the past.
function sessionSettings(value) {
  const maxSeconds = positiveInt(value?.maxSeconds, DEFAULT_SESSION.maxSeconds, 900, 43200);
  let refreshBeforeSeconds = Number.isInteger(value?.refreshBeforeSeconds) ? value.refreshBeforeSeconds : DEFAULT_SESSION.refreshBeforeSeconds;
  if (refreshBeforeSeconds < 0 || refreshBeforeSeconds >= maxSeconds) refreshBeforeSeconds = Math.min(DEFAULT_SESSION.refreshBeforeSeconds, maxSeconds - 1);
  let refreshJitterSeconds = positiveInt(value?.refreshJitterSeconds, DEFAULT_SESSION.refreshJitterSeconds, 0, 3600);
  if (refreshJitterSeconds >= refreshBeforeSeconds) refreshJitterSeconds = Math.max(0, refreshBeforeSeconds - 1);
  return { maxSeconds, refreshBeforeSeconds, refreshJitterSeconds };
}

function positiveInt(value, fallback, min, max) {
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

function stringList(value, fallback) {
  return Array.isArray(value) ? value.filter((s) => typeof s === "string" && s.length > 0) : fallback;
}

/** True when browser policy sets relogin.mode (then the options page can't change it). */
export function modeIsManaged(policy) {
  return MODES.includes(policy?.relogin?.mode);
}

/**
 * The effective configuration: `welcome` is welcome.config (may be null before
 * the host answered), `policy` chrome.storage.managed, `prefs` the options page.
 */
export function effectiveConfig(welcome, { policy = null, prefs = {} } = {}) {
  const w = welcome ?? {};
  const profiles = (Array.isArray(w.profiles) ? w.profiles : [])
    .filter((p) => p && typeof p.name === "string")
    .map((p) => ({
      ...p,
      connectOrigin: profileConnectOrigin(p),
      returnTo: stringList(p.returnTo, []),
      // Built by the host (host/federation/cookie_policy.h), named in cookie diagnoses.
      cookiesAllowedForUrls: stringList(p.cookiesAllowedForUrls, []),
    }))
    .filter((p) => p.connectOrigin);
  const loginPaths = stringList(w.detection?.loginPaths, []);
  let mode = MODES.includes(w.relogin?.mode) ? w.relogin.mode : "tab";
  let modeSource = MODES.includes(w.relogin?.mode) ? "host" : "default";
  if (modeIsManaged(policy)) {
    mode = policy.relogin.mode;
    modeSource = "policy";
  } else if (MODES.includes(prefs?.mode)) {
    mode = prefs.mode;
    modeSource = "options";
  }
  return {
    profiles,
    detection: {
      phrases: stringList(w.detection?.phrases, []),
      loginPaths: [...new Set([...DEFAULT_LOGIN_PATHS, ...loginPaths])],
      probe: probeSettings(w.detection?.probe),
      // Absent (an older host): the host's default, on.
      fixThirdPartyCookies: w.detection?.fixThirdPartyCookies !== false,
    },
    relogin: {
      mode,
      modeSource,
      timeoutSeconds: positiveInt(w.relogin?.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS, 10, 3600),
      afterInactivity: AFTER_INACTIVITY.includes(w.relogin?.afterInactivity) ? w.relogin.afterInactivity : "on-return",
    },
    session: sessionSettings(w.session),
    guard: {
      maxAttempts: positiveInt(w.guard?.maxAttempts, DEFAULT_GUARD.maxAttempts, 1, 20),
      windowSeconds: positiveInt(w.guard?.windowSeconds, DEFAULT_GUARD.windowSeconds, 60, 86400),
      postLoginSeconds: positiveInt(w.guard?.postLoginSeconds, DEFAULT_GUARD.postLoginSeconds, 5, 3600),
    },
  };
}
