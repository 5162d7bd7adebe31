// The session probe: a credentialed GET from the worker to the instance's
// authorize endpoint tells signed-in from signed-out. Its real responses are
// not documented, so everything about it is configurable
// (`detection.probe` in the host configuration / policy):
//   enabled         false → text hints are acted on without a probe
//   path            new-domain endpoint, default /auth/authorize
//   legacyPath      awsapps.com endpoint, default /connect/auth/authorize
//   signedInStatus  statuses meaning signed in, default any 2xx
//   signedOutStatus statuses meaning signed out, default 401 and 403
//   onUnknown       "act" (default) or "ignore": what a text hint does when
//                   the probe cannot tell (5xx, network error, odd status)
// A response redirected to a login path always means signed out.
//
// Why "act" on unknown: text hints come only from standalone dialogs, never
// from chat or editable regions, and the host's guard bounds retries; a
// missed expiry leaves the agent stuck, a spurious one costs one tab.
import { connectPage, isLoginPath, DEFAULT_LOGIN_PATHS } from "./url-rules.js";

export const DEFAULT_PROBE = Object.freeze({
  enabled: true,
  path: "/auth/authorize",
  legacyPath: "/connect/auth/authorize",
  signedInStatus: null, // null = any 2xx
  signedOutStatus: [401, 403],
  onUnknown: "act",
  timeoutMs: 10_000,
});

// The same rule as the host's schema (host/config/validate.cpp): at most 200
// characters, and nothing but a plain path on the instance's origin.
function safePath(path, fallback) {
  const plain = typeof path === "string" && /^\/[\w\-./]{0,199}$/.test(path);
  return plain && !path.includes("..") && !path.includes("//") ? path : fallback;
}

function statusList(value, fallback) {
  return Array.isArray(value) && value.every((s) => Number.isInteger(s) && s >= 100 && s <= 599) ? value : fallback;
}

/** Configured probe settings over the defaults; invalid values fall back. */
export function probeSettings(configured = {}) {
  const c = configured ?? {};
  return {
    enabled: typeof c.enabled === "boolean" ? c.enabled : DEFAULT_PROBE.enabled,
    path: safePath(c.path, DEFAULT_PROBE.path),
    legacyPath: safePath(c.legacyPath, DEFAULT_PROBE.legacyPath),
    signedInStatus: statusList(c.signedInStatus, DEFAULT_PROBE.signedInStatus),
    signedOutStatus: statusList(c.signedOutStatus, DEFAULT_PROBE.signedOutStatus),
    onUnknown: c.onUnknown === "ignore" ? "ignore" : "act",
    timeoutMs: DEFAULT_PROBE.timeoutMs,
  };
}

/** The probe URL for a Connect origin (built from the origin and config only). */
export function probeUrl(connectOrigin, settings) {
  // "/connect/" lets legacy awsapps.com origins parse as Connect pages too.
  const page = connectPage(connectOrigin + "/connect/");
  if (!page) return null;
  return page.origin + (page.legacy ? settings.legacyPath : settings.path);
}

/**
 * "signed-in" | "signed-out" | "unknown" from what fetch() returned
 * ({status, redirected, url}) or threw ({error}).
 */
export function interpretProbe(response, settings, loginPaths = DEFAULT_LOGIN_PATHS) {
  if (!response || response.error) return "unknown";
  if (response.redirected) {
    const landed = connectPage(response.url);
    if (landed && isLoginPath(landed.path, loginPaths)) return "signed-out";
    if (!landed && response.url) return "signed-out"; // bounced to an IdP or elsewhere
  }
  const { status } = response;
  if (settings.signedOutStatus.includes(status)) return "signed-out";
  const signedIn = settings.signedInStatus ? settings.signedInStatus.includes(status) : status >= 200 && status < 300;
  return signedIn ? "signed-in" : "unknown";
}
