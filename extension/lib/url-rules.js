// Pure URL rules: which URLs are Amazon Connect pages and which of those are
// its login pages, which hosts sit on the sign-in path (Entra, AWS sign-in,
// the Connect federate endpoint), and how a URL is shortened before it is
// logged or sent to the host. No chrome.* here: the worker, the content
// scripts and the tests share this module.
//
// Hostnames are compared label by label against fixed suffixes, never with
// `includes`, so a hostile look-alike such as `acme.my.connect.aws.evil.com`
// or `evil-my.connect.aws` is never taken for Connect.

export const DEFAULT_LOGIN_PATHS = Object.freeze(["/login", "/connect/login", "/connect/auth/refresh"]);
// The agent's own sign-out: the login page that follows is not an expiry.
export const LOGOUT_PATHS = Object.freeze(["/logout", "/connect/logout"]);

// Connect instance alias: 1–45 letters, digits and inner hyphens (docs/facts.md, "Instance ID and alias").
const ALIAS = /^[a-z0-9](?:[a-z0-9-]{0,43}[a-z0-9])?$/;

const CONNECT_DOMAINS = Object.freeze({
  "my.connect.aws": { legacy: false },
  "awsapps.com": { legacy: true }, // pages live under /connect/
});

// Hosts a sign-in passes through, each with the stage name used in `failed`.
const SIGN_IN_HOSTS = Object.freeze([
  { suffix: "login.microsoftonline.com", stage: "entra" },
  { suffix: "login.microsoftonline.us", stage: "entra" },
  { suffix: "login.microsoft.com", stage: "entra" },
  { suffix: "launcher.myapps.microsoft.com", stage: "entra" },
  { suffix: "myapps.microsoft.com", stage: "entra" },
  { suffix: "signin.aws.amazon.com", stage: "aws-signin" },
  // Global Resiliency's SAML endpoint, <instance-id>.<region>.sign-in.connect.aws
  // (docs/facts.md, "Global Resiliency"): the ACS of such an Entra app.
  { suffix: "sign-in.connect.aws", stage: "aws-signin" },
  { suffix: "signin.amazonaws-us-gov.com", stage: "aws-signin" },
  { suffix: "console.aws.amazon.com", stage: "federate" },
  { suffix: "console.amazonaws-us-gov.com", stage: "federate" },
]);

/** The Entra hosts a sign-in starts on (a login window opened towards one is a sign-in). */
export const ENTRA_SIGN_IN_HOSTS = Object.freeze(SIGN_IN_HOSTS.filter((h) => h.stage === "entra").map((h) => h.suffix));

/** Parses an https URL; anything else (http, data:, garbage) gives null. */
export function parseHttps(url) {
  if (typeof url !== "string" || url.length === 0 || url.length > 8192) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" || parsed.username || parsed.password) return null;
  return parsed;
}

/** True when `host` is `suffix` or a subdomain of it (label boundary). */
export function hostMatchesSuffix(host, suffix) {
  return host === suffix || host.endsWith("." + suffix);
}

// A region name's shape (us-east-1, us-gov-west-1), as the host checks it.
const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/;

/**
 * Describes a Connect page: {origin, alias, domain, legacy, path, region} or
 * null when the URL is not a Connect page. Legacy `awsapps.com` counts only
 * under `/connect` (the rest of awsapps.com is other AWS apps). Global
 * Resiliency's subdomain-based aliases, `<region>.<alias>.my.connect.aws`,
 * are pages of `<alias>` with their `region`; `region` is null otherwise.
 */
export function connectPage(url) {
  const parsed = parseHttps(url);
  if (!parsed || parsed.port !== "") return null;
  const host = parsed.hostname.toLowerCase();
  for (const [domain, { legacy }] of Object.entries(CONNECT_DOMAINS)) {
    if (!host.endsWith("." + domain)) continue;
    const labels = host.slice(0, -(domain.length + 1)).split(".");
    const regional = labels.length === 2 && !legacy && REGION.test(labels[0]);
    if (labels.length !== 1 && !regional) return null;
    const alias = labels[labels.length - 1];
    if (!ALIAS.test(alias) || alias.startsWith("d-")) return null;
    const path = parsed.pathname;
    if (legacy && !(path === "/connect" || path.startsWith("/connect/"))) return null;
    return { origin: parsed.origin, alias, domain, legacy, path, region: regional ? labels[0] : null };
  }
  return null;
}

/** The origin of the instance the page belongs to, without a regional subdomain. */
function instanceOrigin(page) {
  return `https://${page.alias}.${page.domain}`;
}

/**
 * Where a page committed in a sign-in tab stands for the profile: null while
 * the sign-in is still on its way, else {probeOrigin, path, connect}:
 *  - a Connect page of the flow's instance (`connect: true`), also on a
 *    regional alias of it (Global Resiliency may land the agent in either
 *    region);
 *  - the profile's external destination (an https `destination` outside
 *    Connect, which the host accepts only when it is also a `returnTo`
 *    entry), at or below its path (`connect: false`); the session is probed
 *    on the profile's Connect origin, as the page itself is not Connect.
 */
export function signInLanding(url, { connectOrigin = null, profile = null } = {}) {
  const page = connectPage(url);
  if (page) {
    if (connectOrigin && page.origin !== connectOrigin && instanceOrigin(page) !== connectOrigin) return null;
    return { probeOrigin: page.origin, path: page.path, connect: true };
  }
  const destination = externalDestination(profile);
  const parsed = parseHttps(url);
  const origin = connectOrigin ?? profileConnectOrigin(profile);
  if (!destination || !parsed || !origin || parsed.origin !== destination.origin) return null;
  const base = destination.pathname.replace(/\/+$/, "");
  const within = parsed.pathname === destination.pathname || parsed.pathname.startsWith(base + "/");
  return within ? { probeOrigin: origin, path: parsed.pathname, connect: false } : null;
}

/** A profile's `destination` when it is an https URL outside Connect, parsed; else null. */
export function externalDestination(profile) {
  const destination = profile?.destination;
  if (typeof destination !== "string" || !destination.startsWith("https:")) return null;
  const parsed = parseHttps(destination);
  return parsed && !connectPage(destination) ? parsed : null;
}

/** True when `path` is one of `loginPaths` or below it ("/login" ≠ "/login-help"). */
export function isLoginPath(path, loginPaths = DEFAULT_LOGIN_PATHS) {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return loginPaths.some((lp) => {
    const base = lp.length > 1 ? lp.replace(/\/+$/, "") : lp;
    return trimmed === base || trimmed.startsWith(base + "/");
  });
}

/** A Connect login page (any frame): {origin, path} or null. */
export function connectLoginPage(url, loginPaths = DEFAULT_LOGIN_PATHS) {
  const page = connectPage(url);
  if (!page || !isLoginPath(page.path, loginPaths)) return null;
  return { origin: page.origin, path: page.path };
}

/** True for a Connect sign-out page (any frame). */
export function isConnectLogout(url) {
  const page = connectPage(url);
  return Boolean(page && isLoginPath(page.path, LOGOUT_PATHS));
}

/**
 * True for a SAML post to an AWS assertion consumer (signin.aws.amazon.com's
 * /saml, or Global Resiliency's <id>.<region>.sign-in.connect.aws/saml):
 * where every SAML sign-in to Connect hands over from Entra to AWS
 * (docs/facts.md, "Relay state"). It is a navigation of its own (the
 * posted form); the federate step after it is a server redirect, which
 * webNavigation never reports.
 */
export function isSamlAcs(url) {
  const parsed = parseHttps(url);
  return Boolean(parsed) && signInStage(url) === "aws-signin" && parsed.pathname === "/saml";
}

/** Where a URL sits on the sign-in path: entra | aws-signin | federate | connect | other. */
export function signInStage(url) {
  if (connectPage(url)) return "connect";
  const parsed = parseHttps(url);
  if (!parsed) return "other";
  const host = parsed.hostname.toLowerCase();
  const known = SIGN_IN_HOSTS.find(({ suffix }) => hostMatchesSuffix(host, suffix));
  return known ? known.stage : "other";
}

/**
 * An Entra error that shows in the URL itself (the error page, or an
 * `error=` redirect): returns the AADSTS code or the error name, never the
 * rest of the query. Null when the URL is not an Entra error.
 */
export function entraErrorInUrl(url) {
  if (signInStage(url) !== "entra") return null;
  const parsed = parseHttps(url);
  const code = /AADSTS\d{5,}/i.exec(decodeURIComponentSafe(parsed.href));
  if (code) return code[0].toUpperCase();
  const error = parsed.searchParams.get("error");
  if (error) return `error=${error.slice(0, 64).replace(/[^\w.-]/g, "_")}`;
  if (/\/error(?:\/|$)/i.test(parsed.pathname)) return "error page";
  return null;
}

function decodeURIComponentSafe(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Origin and path only: what the extension logs and sends. Queries carry
 * SAML responses, relay states and landat tokens, fragments carry tokens.
 */
export function stripQuery(url) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return parsed.protocol;
    return parsed.origin + parsed.pathname;
  } catch {
    return "";
  }
}

/**
 * The Connect origin a profile signs into: welcome.config's connectOrigin, or
 * built from instance.alias and instance.domain (older hosts). Anything that
 * is not a Connect origin is refused, even from the host.
 */
export function profileConnectOrigin(profile) {
  const candidates = [];
  if (typeof profile?.connectOrigin === "string") candidates.push(profile.connectOrigin);
  const { alias, domain } = profile?.instance ?? {};
  if (typeof alias === "string" && typeof domain === "string") candidates.push(`https://${alias}.${domain}`);
  for (const origin of candidates) {
    // "/connect/" lets legacy awsapps.com origins parse as Connect pages too.
    const page = connectPage(origin.replace(/\/+$/, "") + "/connect/");
    if (page) return page.origin;
  }
  return null;
}

/**
 * The Connect page a profile's login lands on, built only from configuration:
 * the legacy domain gets the `/connect` prefix, as the host does for relay states.
 */
export function profileLandingUrl(profile) {
  const origin = profileConnectOrigin(profile);
  if (!origin) return null;
  let destination = typeof profile.destination === "string" && profile.destination.startsWith("/")
    ? profile.destination
    : "/ccp-v2";
  if (origin.endsWith(".awsapps.com") && !/^\/connect(?:[/?]|$)/.test(destination)) {
    destination = "/connect" + destination;
  }
  return origin + destination;
}

/** Unique https origins of every profile's returnTo list: where custom CCPs live. */
export function returnToOrigins(profiles = []) {
  const origins = new Set();
  for (const profile of profiles) {
    for (const url of profile?.returnTo ?? []) {
      const parsed = parseHttps(url);
      if (parsed) origins.add(parsed.origin);
    }
  }
  return [...origins].sort();
}

/** The content-script match pattern covering one origin (ports are allowed in patterns). */
export function originMatchPattern(origin) {
  return `${origin}/*`;
}

/**
 * Picks the profile a page belongs to, deterministically:
 * 1. a Connect frame URL: the profiles whose connectOrigin equals the frame's
 *    origin; among them the one whose destination path is the longest prefix of
 *    the frame's path, else the first in configuration order;
 * 2. otherwise the tab URL: the first profile whose returnTo list has the tab's origin.
 * The host makes the binding decision (its reply names the profile); this only
 * keys the extension's own state.
 */
export function matchProfile(profiles = [], { frameUrl, tabUrl } = {}) {
  const frame = connectPage(frameUrl) ?? connectPage(tabUrl);
  if (frame) {
    const same = profiles.filter((p) => profileConnectOrigin(p) === frame.origin);
    if (same.length === 0) return null;
    let best = same[0];
    let bestLength = -1;
    for (const p of same) {
      const destinationPath = new URL(profileLandingUrl(p)).pathname;
      if (frame.path.startsWith(destinationPath) && destinationPath.length > bestLength) {
        best = p;
        bestLength = destinationPath.length;
      }
    }
    return best;
  }
  const tab = parseHttps(tabUrl);
  if (!tab) return null;
  return profiles.find((p) => (p.returnTo ?? []).some((r) => parseHttps(r)?.origin === tab.origin)) ?? null;
}
