// What the agent and the helpdesk read when the browser keeps the Connect
// cookie out of a custom CCP: what is wrong, why ccp-relogin did not (or
// could not) fix it, and what IT can set. Shown in the popup, the
// notification and the badge's title (status-view.js). Pure.
//
// The policy entry comes from the host (welcome.config
// profiles[].cookiesAllowedForUrls, host/federation/cookie_policy.h), so the
// extension, doctor and the documentation name the same pair.

// The stop reason of such a flow (a stop the extension makes itself, like no-host-answer).
export const COOKIE_STOP_REASON = "third-party-cookies";

const WHY = Object.freeze({
  "fix-disabled": () => "ccp-relogin may not change cookie settings here (detection.fixThirdPartyCookies is false).",
  "policy-lock": () =>
    "The browser policy BlockThirdPartyCookies locks the third-party cookie setting, so ccp-relogin did not change it.",
  "lock-unknown": () =>
    "ccp-relogin could not read whether a browser policy locks the third-party cookie setting, so it did not change it.",
  "pair-blocked": () =>
    "A browser policy (CookiesBlockedForUrls) or a site setting blocks this cookie, so ccp-relogin did not change it.",
  "policy-overrides": () =>
    "ccp-relogin allowed it, but a browser policy (CookiesBlockedForUrls) blocks it anyway; the rule was withdrawn.",
  "still-blocked": () => "ccp-relogin already allowed it, and the CCP there is still signed out.",
  "fix-failed": ({ error }) => `ccp-relogin could not change the setting${error ? ` (${error})` : ""}.`,
  "not-configured": ({ embedder, profileName }) =>
    `${embedder} is not one of the returnTo pages of profile "${profileName ?? "?"}", so ccp-relogin does not change its cookie settings.`,
});

function host(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return String(origin ?? "");
  }
}

/**
 * {title, diagnosis, policyEntry} for a report of decideCookieFix (cookie-rules.js).
 * why: "site-blocked" or a key of WHY; connectOrigin, embedder: origins;
 * policyEntry: the CookiesAllowedForUrls entry, or null; error: for fix-failed.
 */
export function cookieDiagnosis({ why, connectOrigin, embedder, policyEntry = null, profileName = null, error = null }) {
  if (why === "site-blocked") {
    return {
      title: "Amazon Connect cookies blocked",
      diagnosis:
        `The browser blocks cookies for ${host(connectOrigin)}, so no Amazon Connect sign-in can last in this browser. ` +
        "A browser policy (CookiesBlockedForUrls) or a site setting blocks them; ccp-relogin does not override that. " +
        `IT must take ${host(connectOrigin)} out of CookiesBlockedForUrls (or the site's cookie setting).`,
      policyEntry: null,
    };
  }
  const reason = (WHY[why] ?? WHY["fix-failed"])({ embedder, profileName, error });
  const fix = policyEntry
    ? `IT can allow it with the browser policy CookiesAllowedForUrls: ${policyEntry}`
    : why === "not-configured"
      ? "Add it to the profile's returnTo, or IT can allow it with the browser policy CookiesAllowedForUrls."
      : "IT can allow it with the browser policy CookiesAllowedForUrls.";
  return {
    title: "Amazon Connect cookie blocked",
    diagnosis:
      `The browser blocks the Amazon Connect cookie inside ${embedder}, so the CCP there stays signed out ` +
      `although your Connect session is valid. ${reason} ${fix}`,
    policyEntry,
  };
}
