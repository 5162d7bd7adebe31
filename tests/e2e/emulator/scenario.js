// Scenario knobs: how the emulated services behave for one test. A scenario
// is a plain object; tests pass only what differs from DEFAULT_SCENARIO.
// Unknown knobs are errors, so a typo can't silently test the default.
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./default-world.js";

export const EXPIRY_STYLES = Object.freeze(["text", "redirect"]);
export const IDP_MODES = Object.freeze(["silent", "interactive"]);
export const CCP_EMBEDDINGS = Object.freeze(["iframe", "shadow-root", "same-origin-frame"]);

export const DEFAULT_SCENARIO = Object.freeze({
  /** Connect instances the federate endpoint knows (id → alias/domain/region). */
  instances: [INSTANCES.acme, INSTANCES.legacy, INSTANCES.other],
  /** Entra enterprise apps of the tenant; anything else is AADSTS700016. */
  entraApps: [ENTRA_APPS.agents, ENTRA_APPS.admins, ENTRA_APPS.legacy, ENTRA_APPS.acgr],
  customCcp: {
    /** path on agents.example.com → URL of the Connect page its iframe embeds */
    pages: { "/ccp": ccpUrl(INSTANCES.acme) },
    /** include the documented Streams bridge snippet */
    streamsBridge: true,
    /**
     * Where the page keeps its CCP iframe (#ccp): "iframe" directly in the page;
     * "shadow-root" inside the open shadow root of a <ccp-softphone> element (a
     * web-component CRM); "same-origin-frame" inside a softphone page of the same
     * site (<page>/softphone) framed by the page, whose Streams stand-in and
     * bridge snippet post to window.top and which updates the top page's #ccp-status.
     */
    embedding: "iframe",
    /**
     * Streams' own login popup (initCCP's loginPopup with loginOptions, docs/facts.md,
     * "amazon-connect-streams"): null for `loginPopup: false`; else {loginUrl,
     * delayMs}: after each auth failure, delayMs later (ccpAckTimeout, 3000 by
     * default) the page opens a window named "connect::loginPopup" and sends it
     * to loginUrl, and leaves it open (loginPopupAutoClose false, the default).
     * Whether the browser lets a window open from a timer is the browser's to decide.
     */
    loginPopup: null,
  },
  session: {
    /** a Connect session ends this many ms after it was made; null: only on expireSessions() */
    lifetimeMs: null,
  },
  authorize: {
    /**
     * The instance's "am I signed in?" endpoint that the extension's session
     * probe asks (path under the instance's prefix, "/connect" on awsapps.com).
     * Connect's real answers are undocumented, so scenarios move it and change
     * its statuses to exercise the product's detection.probe settings.
     */
    path: "/auth/authorize",
    /** its status with a live session */
    signedInStatus: 200,
    /** its status without one */
    signedOutStatus: 401,
  },
  expiry: {
    /** "text": the CCP shows "Session expired"; "redirect": it bounces to a login page that refuses framing */
    style: "text",
    /** language of the CCP and of its expiry text (see services/connect-texts.js) */
    language: "en",
  },
  idp: {
    /** "silent": Entra has a session and posts straight on; "interactive": a sign-in page until the user clicks */
    mode: "silent",
    /** added to every Entra sign-in response */
    latencyMs: 0,
    /** an AADSTS code Entra answers every sign-in with (e.g. "AADSTS50105"); null: none */
    error: null,
    /**
     * the next this many auto-posting SAML pages stall: Entra sends the
     * headers and the start of the page, then nothing more (the response
     * never ends, so the form is never there to post); counts down per page
     */
    stallSamlPages: 0,
  },
  failures: {
    /** the SAML role lacks connect:GetFederationToken on every instance */
    roleWithoutPermission: false,
    /** Entra posts a relay state for this instance ID instead of the one launched with */
    relayStateInstanceId: null,
  },
  ccp: {
    /** how often a signed-in CCP checks its session (its expiry shows within this) */
    heartbeatMs: 250,
    /** customer text shown in the CCP's chat transcript (must never trigger a login) */
    chatTranscript: null,
  },
});

/**
 * Returns `base` with `patch` applied: objects merge, everything else
 * (arrays included) replaces. Throws on a knob that doesn't exist.
 */
export function applyScenarioPatch(base, patch = {}, path = "scenario") {
  const result = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in base)) throw new Error(`unknown emulator knob ${path}.${key}`);
    const current = base[key];
    const bothObjects = isPlainObject(current) && isPlainObject(value);
    // customCcp.pages is a map, not a fixed set of knobs: replace it whole.
    const isMap = path === "scenario.customCcp" && key === "pages";
    result[key] = bothObjects && !isMap ? applyScenarioPatch(current, value, `${path}.${key}`) : value;
  }
  validateScenario(result, path);
  return result;
}

function validateLoginPopup(popup) {
  if (popup === null) return;
  if (typeof popup?.loginUrl !== "string" || !popup.loginUrl.startsWith("https://")) {
    throw new Error("customCcp.loginPopup.loginUrl must be an https URL");
  }
  if (!(Number.isInteger(popup.delayMs) && popup.delayMs >= 0)) throw new Error("customCcp.loginPopup.delayMs must be a whole number of ms");
}

function validateScenario(s, path) {
  if (path !== "scenario") return; // validate once, at the top
  if (!EXPIRY_STYLES.includes(s.expiry.style)) throw new Error(`expiry.style must be one of ${EXPIRY_STYLES}`);
  if (!IDP_MODES.includes(s.idp.mode)) throw new Error(`idp.mode must be one of ${IDP_MODES}`);
  if (!CCP_EMBEDDINGS.includes(s.customCcp.embedding)) throw new Error(`customCcp.embedding must be one of ${CCP_EMBEDDINGS}`);
  validateAuthorize(s.authorize);
  validateLoginPopup(s.customCcp.loginPopup);
  if (!Number.isInteger(s.idp.stallSamlPages) || s.idp.stallSamlPages < 0) {
    throw new Error("idp.stallSamlPages must be a whole number of pages, 0 or more");
  }
  if (s.session.lifetimeMs !== null && !(s.session.lifetimeMs > 0)) {
    throw new Error("session.lifetimeMs must be a positive number or null");
  }
}

// A path the Connect service can route (no "//", no "..", no query) that does
// not shadow the emulator's own plumbing or the session hand-off.
const AUTHORIZE_PATH = /^\/[\w\-.]+(?:\/[\w\-.]+)*$/;
const RESERVED_PATH = /^\/(?:emulator\/|connect\/|auth\/emulator-session$|ccp-v2|login$|auth\/refresh$)/;

function validateAuthorize({ path, signedInStatus, signedOutStatus }) {
  if (typeof path !== "string" || !AUTHORIZE_PATH.test(path) || path.includes("..") || RESERVED_PATH.test(path)) {
    throw new Error(`authorize.path must be a plain path like "/auth/authorize" that no other Connect page uses, not ${JSON.stringify(path)}`);
  }
  for (const [name, status] of Object.entries({ signedInStatus, signedOutStatus })) {
    // a JSON body goes with it, so no 1xx, 204 or 304
    if (!Number.isInteger(status) || status < 200 || status > 599 || status === 204 || status === 304) {
      throw new Error(`authorize.${name} must be an HTTP status 200-599 that carries a body, not ${JSON.stringify(status)}`);
    }
  }
}

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
