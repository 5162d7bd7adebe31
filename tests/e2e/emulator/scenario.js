// Scenario knobs: how the emulated services behave for one test. A scenario
// is a plain object; tests pass only what differs from DEFAULT_SCENARIO.
// Unknown knobs are errors, so a typo can't silently test the default.
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./default-world.js";

export const EXPIRY_STYLES = Object.freeze(["text", "redirect"]);
export const IDP_MODES = Object.freeze(["silent", "interactive"]);

export const DEFAULT_SCENARIO = Object.freeze({
  /** Connect instances the federate endpoint knows (id → alias/domain/region). */
  instances: [INSTANCES.acme, INSTANCES.legacy, INSTANCES.other],
  /** Entra enterprise apps of the tenant; anything else is AADSTS700016. */
  entraApps: [ENTRA_APPS.agents, ENTRA_APPS.admins, ENTRA_APPS.legacy],
  customCcp: {
    /** path on agents.example.com → URL of the Connect page its iframe embeds */
    pages: { "/ccp": ccpUrl(INSTANCES.acme) },
    /** include the documented Streams bridge snippet */
    streamsBridge: true,
  },
  session: {
    /** a Connect session ends this many ms after it was made; null: only on expireSessions() */
    lifetimeMs: null,
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

function validateScenario(s, path) {
  if (path !== "scenario") return; // validate once, at the top
  if (!EXPIRY_STYLES.includes(s.expiry.style)) throw new Error(`expiry.style must be one of ${EXPIRY_STYLES}`);
  if (!IDP_MODES.includes(s.idp.mode)) throw new Error(`idp.mode must be one of ${IDP_MODES}`);
  if (s.session.lifetimeMs !== null && !(s.session.lifetimeMs > 0)) {
    throw new Error("session.lifetimeMs must be a positive number or null");
  }
}

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
