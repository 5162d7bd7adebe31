// Streams' own login popup (docs/architecture.md, "Streams' login popup").
// A custom CCP that keeps Streams' `loginPopup: true` opens a login window
// of its own ccpAckTimeout (3 s by default) after the auth failure, whether
// or not the session is back by then (docs/facts.md, "amazon-connect-streams").
// Our sign-in usually lands before that, so the window would start a second
// login and stay open. While a flow signs in, and for LOGIN_POPUP_TAIL_MS
// after it landed, the worker blocks (declarativeNetRequest session rules)
// every top-level navigation that the profile's custom CCP origins start
// towards an Entra sign-in host or the Connect login page, outside the
// flow's own tabs, and closes the window the block leaves (worker/login-popup-guard.js).
// The block is the browser's: the request never leaves, so the launcher sees
// one sign-in per expiry. Closing on the window's creation instead would be
// too late: Chromium reports a new window after its first request.
//
// Pure: guards from flows and configuration, rules from guards, and which
// guard a blocked navigation belongs to. No chrome.* here.
import { connectLoginPage, ENTRA_SIGN_IN_HOSTS, parseHttps } from "./url-rules.js";

// Streams opens its popup ccpAckTimeout after AUTH_FAIL (default 3 s; the
// samples set 5 s); the iframe refresh that follows may ask again. 30 s
// covers both and is still short next to an agent's deliberate sign-in.
export const LOGIN_POPUP_TAIL_MS = 30_000;
export const BLOCKED_BY_CLIENT = "net::ERR_BLOCKED_BY_CLIENT";
// Two session rules a guard (sign-in hosts; the Connect login page), ids from here.
export const FIRST_RULE_ID = 1000;
const MAX_GUARDS = 50;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Hosts of the profile's returnTo pages: the custom CCPs whose windows are adopted. */
function customCcpHosts(profile) {
  const hosts = (profile?.returnTo ?? []).map((url) => parseHttps(url)?.hostname).filter(Boolean);
  return [...new Set(hosts)].sort();
}

/**
 * The guard for a flow signing in, valid until `until` (epoch ms), or null
 * when nothing needs guarding (the profile has no custom CCP). Built only
 * from configuration and the flow's own tabs.
 */
export function guardFor(step, flow, until) {
  const profile = step.profileConfig(flow.profile);
  const initiators = customCcpHosts(profile);
  const connect = parseHttps(flow.connectOrigin ?? profile?.connectOrigin ?? "");
  if (initiators.length === 0) return null;
  const signIn = parseHttps(flow.signInUrl ?? "");
  const ownTabs = [flow.hint?.tabId, flow.helper?.tabId, ...(flow.affectedTabs ?? [])].filter(Number.isInteger);
  return {
    initiators,
    signInHosts: [...new Set([...(signIn ? [signIn.hostname] : []), ...ENTRA_SIGN_IN_HOSTS])].sort(),
    connectHost: connect?.hostname ?? null,
    loginPaths: step.config.detection.loginPaths,
    ownTabs: [...new Set(ownTabs)],
    until,
  };
}

/**
 * The guard effects of a phase change (Step.phase calls this): a flow that
 * signs in is guarded (again at every attempt, until its timeout and the
 * tail); one that landed keeps the guard for the tail; one that leaves the
 * sign-in any other way (stop, wait, tab closed) ends it, so Streams' popup
 * is the agent's way in again.
 */
export function popupGuardEffects(step, flow, from, to) {
  if (to === "signing-in") {
    const guard = guardFor(step, flow, step.now + step.timeoutMs() + LOGIN_POPUP_TAIL_MS);
    if (guard) step.emit({ type: "guard-login-popups", key: flow.key, guard });
  } else if (to === "landed") {
    const guard = guardFor(step, flow, step.now + LOGIN_POPUP_TAIL_MS);
    if (guard) step.emit({ type: "guard-login-popups", key: flow.key, guard });
  } else if (from === "signing-in") {
    step.emit({ type: "end-login-popup-guard", key: flow.key });
  }
}

/** The guards still in force at `now`, at most MAX_GUARDS, in key order. */
export function liveGuards(guards, now) {
  return Object.entries(guards ?? {})
    .filter(([, g]) => g && g.until > now)
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, MAX_GUARDS);
}

/** declarativeNetRequest session rules for the live guards: two a guard. */
export function sessionRules(guards, now) {
  const rules = [];
  liveGuards(guards, now).forEach(([, guard], index) => {
    const id = FIRST_RULE_ID + 2 * index;
    const condition = {
      resourceTypes: ["main_frame"],
      initiatorDomains: guard.initiators,
      ...(guard.ownTabs.length ? { excludedTabIds: guard.ownTabs } : {}),
    };
    rules.push({ id, priority: 1, action: { type: "block" }, condition: { ...condition, requestDomains: guard.signInHosts } });
    if (guard.connectHost && guard.loginPaths.length) {
      const paths = guard.loginPaths.map(escapeRegex).join("|");
      rules.push({
        id: id + 1,
        priority: 1,
        action: { type: "block" },
        condition: { ...condition, requestDomains: [guard.connectHost], regexFilter: `^https://[^/]+(?:${paths})(?:[/?#]|$)` },
      });
    }
  });
  return rules;
}

const hostIn = (host, list) => list.some((h) => host === h || host.endsWith("." + h));

/**
 * The key of the guard that blocked this navigation (webNavigation's
 * onErrorOccurred details), or null: a top-level navigation blocked by an
 * extension, in a tab none of the flow's own, towards a guarded host.
 */
export function guardOfBlockedNavigation(guards, details, now) {
  if (details?.frameId !== 0 || details.error !== BLOCKED_BY_CLIENT) return null;
  const url = parseHttps(details.url);
  if (!url) return null;
  const found = liveGuards(guards, now).find(([, g]) =>
    !g.ownTabs.includes(details.tabId) &&
    (hostIn(url.hostname, g.signInHosts) ||
      (url.hostname === g.connectHost && connectLoginPage(url.href, g.loginPaths) !== null)));
  return found ? found[0] : null;
}
