// The browser cookie rule a custom CCP needs, and when the extension may set
// it. A custom CCP embeds Connect from another site; when the browser blocks
// third-party cookies it does not send the Connect session cookie to that
// frame, so the frame shows "Session expired" while the session is fine
// (docs/facts.md, "Third-party cookies"). The fix is one content-setting
// rule: cookies allowed for exactly the profile's Connect host
// (primaryPattern) where it is embedded in one of the profile's returnTo
// origins (secondaryPattern). Never a wildcard, never another site.
//
// Pure: the facts come from worker/cookie-settings.js (chrome.contentSettings,
// chrome.privacy), the decision is here, the state machine in flow-cookies.js.
import { connectPage, parseHttps } from "./url-rules.js";

// Why a rule is set or withdrawn: the cookie-rule message's `reason`
// (docs/protocol.md, "cookie-rule").
export const RULE_REASONS = Object.freeze({
  blocked: "third-party-cookies-blocked",
  profileRemoved: "profile-removed",
  fixDisabled: "fix-disabled",
  policyOverrides: "policy-overrides",
});

/**
 * The custom-CCP origin when `frameUrl` is a Connect page embedded in a page
 * of another site (`tabUrl`), else null: only then can third-party cookie
 * blocking be the reason the frame is signed out.
 */
export function crossSiteEmbedder(tabUrl, frameUrl) {
  const frame = connectPage(frameUrl);
  const tab = parseHttps(tabUrl);
  if (!frame || !tab || tab.origin === frame.origin || connectPage(tabUrl)) return null;
  return tab.origin;
}

/** The rule for `profile` embedded in `embedder`, or null when the profile doesn't name that origin. */
export function ruleFor(profile, embedder) {
  if (!profile?.connectOrigin || !embedder) return null;
  const origins = (profile.returnTo ?? []).map((u) => parseHttps(u)?.origin).filter(Boolean);
  if (!origins.includes(embedder)) return null;
  return { profile: profile.name, primaryPattern: `${profile.connectOrigin}/*`, secondaryPattern: `${embedder}/*` };
}

export function sameRule(a, b) {
  return a?.primaryPattern === b?.primaryPattern && a?.secondaryPattern === b?.secondaryPattern && a?.profile === b?.profile;
}

/** Every rule the configuration allows the extension to set (none when the fix is off). */
export function permittedRules(config) {
  if (!config.detection.fixThirdPartyCookies) return [];
  const rules = [];
  for (const profile of config.profiles) {
    for (const url of profile.returnTo ?? []) {
      const rule = ruleFor(profile, parseHttps(url)?.origin);
      if (rule && !rules.some((r) => sameRule(r, rule))) rules.push(rule);
    }
  }
  return rules;
}

/** Rules set earlier that the configuration no longer allows, each with the reason to withdraw it. */
export function rulesToWithdraw(recorded, config) {
  const permitted = permittedRules(config);
  const reason = config.detection.fixThirdPartyCookies ? RULE_REASONS.profileRemoved : RULE_REASONS.fixDisabled;
  return (recorded ?? []).filter((rule) => !permitted.some((p) => sameRule(p, rule))).map((rule) => ({ rule, reason }));
}

/** The CookiesAllowedForUrls entry the host computed for this embedder (welcome.config), or null. */
export function policyEntry(profile, embedder) {
  if (!embedder) return null;
  return (profile?.cookiesAllowedForUrls ?? []).find((entry) => entry.endsWith(`,${embedder}`)) ?? null;
}

/**
 * What to do about a Connect frame the browser keeps signed out.
 * facts: {site, pair, thirdParty} from worker/cookie-settings.js: the cookie
 *   setting of the Connect origin on its own and embedded in `embedder`
 *   ("allow" | "block" | "session_only"), and {allowed, locked} of the
 *   browser's third-party-cookie setting (locked: set by policy), or null.
 * fixedBefore: the extension already allowed this pair in this session.
 * → {action: "fix", rule} or {action: "report", why}; `why` is one of the
 *   keys of cookie-diagnosis.js.
 */
export function decideCookieFix({ config, profile, embedder, facts, fixedBefore = false }) {
  if (facts?.site === "block") return { action: "report", why: "site-blocked" };
  const rule = ruleFor(profile, embedder);
  if (!rule) return { action: "report", why: "not-configured" };
  if (fixedBefore) return { action: "report", why: "still-blocked" };
  if (!config.detection.fixThirdPartyCookies) return { action: "report", why: "fix-disabled" };
  const thirdParty = facts?.thirdParty;
  // Not knowing whether a policy locks the setting is not permission to override it.
  if (!thirdParty) return { action: "report", why: "lock-unknown" };
  if (thirdParty.locked && !thirdParty.allowed) return { action: "report", why: "policy-lock" };
  // Third-party cookies are allowed, yet this pair is blocked: a rule of its
  // own blocks it (a policy, or the agent's site setting), not to be overridden.
  if (thirdParty.allowed) return { action: "report", why: "pair-blocked" };
  return { action: "fix", rule };
}
