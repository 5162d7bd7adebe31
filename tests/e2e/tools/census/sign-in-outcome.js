// What became of one sign-in, read from the emulator's request log alone
// (tests/e2e/emulator/request-recorder.js), so every way of running the
// browser is judged the same way. The steps of a silent sign-in
// (tests/e2e/emulator/services/entra.js, aws-signin.js, federate.js):
//   launch    GET launcher.myapps.microsoft.com/api/signin/<app>   302
//   samlPage  GET login.microsoftonline.com/<tenant>/saml2         200, the auto-posting form
//   posted    POST <region>.signin.aws.amazon.com/saml              the form's post
//   landed    GET <connect>/auth/emulator-session                   the Connect session set
// A stall is a SAML page served whose post did not arrive within
// STALL_AFTER_MS: the page posts on load, within milliseconds normally.

export const STALL_AFTER_MS = 5_000;

const LAUNCH_HOSTS = new Set(["launcher.myapps.microsoft.com", "myapps.microsoft.com"]);
const isLaunch = (r) => LAUNCH_HOSTS.has(r.host);
const isSamlPage = (r) => r.host === "login.microsoftonline.com" && r.outcome === "saml-posted";
const isPost = (r) => r.method === "POST" && r.path === "/saml";
const isLanding = (r) => r.path.endsWith("/auth/emulator-session");

/**
 * The requests since `since` (emulator ms), judged at emulator time `now`:
 * {state: "pending"|"landed"|"stalled"|"no-launch", launches, stalls, recovered, …}.
 * `stalls` counts SAML pages not posted within STALL_AFTER_MS; `recovered`
 * says the sign-in landed after one (the product navigated the tab again).
 */
export function judgeSignIn(requests, { since, now, noLaunchAfterMs }) {
  const log = requests.filter((r) => r.time >= since);
  const launches = log.filter(isLaunch);
  const pages = log.filter(isSamlPage);
  const posts = log.filter(isPost);
  const landing = log.find(isLanding) ?? null;
  const stalls = pages.filter((page) => {
    const postedAfter = posts.some((p) => p.time >= page.time && p.seq > page.seq);
    return !postedAfter && now - page.time >= STALL_AFTER_MS;
  }).concat(pages.filter((page, i) => {
    // A page followed by a new launch before its post: navigated away from, unposted.
    const next = pages[i + 1];
    return next && !posts.some((p) => p.seq > page.seq && p.seq < next.seq);
  }));
  const stalled = new Set(stalls.map((p) => p.seq));
  const summary = {
    launches: launches.length,
    samlPages: pages.length,
    posts: posts.length,
    stalls: stalled.size,
    landedAfterMs: landing ? landing.time - since : null,
    recovered: Boolean(landing) && stalled.size > 0,
  };
  if (landing) return { state: "landed", ...summary };
  if (stalled.size > 0) return { state: "stalled", ...summary };
  if (launches.length === 0 && now - since >= noLaunchAfterMs) return { state: "no-launch", ...summary };
  return { state: "pending", ...summary };
}
