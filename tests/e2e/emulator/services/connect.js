// Amazon Connect: https://<alias>.my.connect.aws/… and legacy
// https://<alias>.awsapps.com/connect/…. Holds the session cookie, shows the
// CCP when signed in, and otherwise shows "Session expired" or bounces to a
// login page that refuses framing, as the scenario says.
import { requestCookies, sendHtml, sendJson, sendRedirect } from "../http-replies.js";
import { connectTexts } from "./connect-texts.js";
import { expiredPageHtml, loginPageHtml, notFoundPageHtml, signedInPageHtml } from "./connect-pages.js";

export const SESSION_COOKIE = "ccp_session";
const LEGACY_DOMAIN = "awsapps.com";

/** The instance a Connect host name belongs to, or null. */
export function instanceForHost(instances, host) {
  const dot = host.indexOf(".");
  const alias = host.slice(0, dot);
  const domain = host.slice(dot + 1);
  return instances.find((i) => i.alias === alias && i.domain === domain) ?? null;
}

/** "/connect" on the legacy domain, "" on the new one: every Connect path sits under it. */
export function pathPrefix(instance) {
  return instance.domain === LEGACY_DOMAIN ? "/connect" : "";
}

export function createConnectService({ scenario, sessions }) {
  return {
    handle(req, res, { host, url }) {
      const s = scenario();
      const instance = instanceForHost(s.instances, host);
      if (!instance) return sendHtml(res, 404, notFoundPageHtml(`No Amazon Connect instance at ${host}.`));

      const prefix = pathPrefix(instance);
      if (!url.pathname.startsWith(`${prefix}/`)) {
        // e.g. /ccp-v2 on a legacy instance, or a destination that lost its /connect prefix
        return sendHtml(res, 404, notFoundPageHtml(`${url.pathname} is not a page of this instance.`));
      }
      const path = url.pathname.slice(prefix.length);
      if (prefix === "" && path.startsWith("/connect/")) {
        // a legacy-style path on the new domain: what a missing new_domain=true leads to
        return sendHtml(res, 404, notFoundPageHtml(`${url.pathname} does not exist on ${instance.domain}.`));
      }

      const signedIn = sessions.isValid(requestCookies(req)[SESSION_COOKIE], instance.id);
      const texts = connectTexts(s.expiry.language);
      const lang = s.expiry.language;

      // The session probe's endpoint: where it lives and what it answers are knobs (scenario.authorize).
      if (path === s.authorize.path) {
        return signedIn
          ? sendJson(res, s.authorize.signedInStatus, { signedIn: true, instanceId: instance.id })
          : sendJson(res, s.authorize.signedOutStatus, { signedIn: false });
      }
      switch (path) {
        case "/auth/emulator-session":
          return redeemTicket(res, url, instance, sessions);
        case "/emulator/ccp-heartbeat":
          return sendJson(res, signedIn ? 200 : 401, { signedIn });
        case "/emulator/ccp-state":
          res.writeHead(204).end(); // recorded by the router; nothing else to do
          return;
        case "/login":
          return sendHtml(res, 200, loginPageHtml({ texts, lang }), { "x-frame-options": "sameorigin" });
        case "/logout":
          // The agent's own sign-out: this session ends, the login page follows.
          sessions.revoke(requestCookies(req)[SESSION_COOKIE]);
          return sendRedirect(res, `${prefix}/login`, { "set-cookie": `${SESSION_COOKIE}=; Secure; HttpOnly; SameSite=None; Path=/; Max-Age=0` });
        case "/auth/refresh": // legacy only: the new domain bounces straight to /login
          return prefix
            ? sendRedirect(res, `${prefix}/login`)
            : sendHtml(res, 404, notFoundPageHtml(`${url.pathname} does not exist on ${instance.domain}.`));
      }

      if (signedIn) {
        return sendHtml(res, 200, signedInPageHtml({
          texts, lang, base: prefix, pathname: url.pathname,
          isCcp: path === "/ccp-v2" || path.startsWith("/ccp-v2/") || path === "/ccp",
          style: s.expiry.style, heartbeatMs: s.ccp.heartbeatMs, chatTranscript: s.ccp.chatTranscript,
        }));
      }
      if (s.expiry.style === "text") return sendHtml(res, 200, expiredPageHtml({ texts, lang, base: prefix }));
      // Redirect style: what the CCP does when its session is gone (docs/facts.md, "What expiry looks like").
      return prefix
        ? sendRedirect(res, `${prefix}/auth/refresh?landat=${encodeURIComponent(url.pathname + url.search)}`)
        : sendRedirect(res, "/login");
    },
  };
}

/** Federate's hand-off: a one-time ticket becomes the session cookie, then on to the destination. */
function redeemTicket(res, url, instance, sessions) {
  const redeemed = sessions.redeemTicket(url.searchParams.get("ticket"));
  if (!redeemed || !sessions.isValid(redeemed.sid, instance.id)) {
    return sendHtml(res, 400, notFoundPageHtml("This sign-in link is invalid or was already used."));
  }
  // An external destination (an approved origin, checked by federate) is a whole URL.
  const landing = redeemed.destination.startsWith("https://")
    ? redeemed.destination
    : `https://${instance.alias}.${instance.domain}${redeemed.destination}`;
  return sendRedirect(res, landing, {
    "set-cookie": `${SESSION_COOKIE}=${redeemed.sid}; Secure; HttpOnly; SameSite=None; Path=/`,
  });
}
