// AWS sign-in's SAML endpoint (ACS): https://signin.aws.amazon.com/saml,
// https://<region>.signin.aws.amazon.com/saml and the GovCloud one. It accepts
// only a SAMLResponse the emulated Entra issued for an AWS audience, opens a
// console session (a cookie federate reads) and follows the relay state when
// it is a Connect federate URL; anything else lands on the console home page.
import { escapeHtml, page, readForm, sendHtml, sendRedirect } from "../http-replies.js";
import { CONSOLE_SESSION_COOKIE, consoleRegion } from "./federate.js";

const GOV_SIGNIN_HOST = "signin.amazonaws-us-gov.com";

function isGov(host) {
  return host === GOV_SIGNIN_HOST;
}

/** True when `relayState` is https://<console host>/connect/federate/<id>… */
export function isFederateUrl(relayState) {
  let url;
  try {
    url = new URL(relayState);
  } catch {
    return false;
  }
  return url.protocol === "https:" && consoleRegion(url.hostname) !== null &&
    /^\/connect\/federate\/[0-9a-f-]{36}$/.test(url.pathname);
}

export function createAwsSigninService({ now, signer, sessions }) {
  const invalid = (res, entry, reason) => {
    entry.outcome = "invalid-saml";
    sendHtml(res, 400, page({ title: "Amazon Web Services Sign-In", body: `<h1>Your request included an invalid SAML response.</h1><p>${escapeHtml(reason)}</p>` }));
  };

  return {
    async handle(req, res, { host, url, entry }) {
      if (url.pathname === "/signin") {
        // Where an unauthenticated console request ends: a dead end for SAML users.
        entry.outcome = "signin-page";
        return sendHtml(res, 200, page({ title: "Amazon Web Services Sign-In", body: "<h1>Sign in</h1>" }));
      }
      if (url.pathname !== "/saml") return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
      if (req.method !== "POST") return invalid(res, entry, "the SAML endpoint takes a POST");

      const form = await readForm(req);
      const relayState = form.get("RelayState") ?? "";
      entry.form = { RelayState: relayState, hasSAMLResponse: form.has("SAMLResponse") };

      const verdict = signer.verify(form.get("SAMLResponse"), now());
      if (!verdict.ok) return invalid(res, entry, verdict.reason);
      const { assertion } = verdict;
      const globalAcs = isGov(host) ? `https://${GOV_SIGNIN_HOST}/saml` : "https://signin.aws.amazon.com/saml";
      if (assertion.audience !== globalAcs && assertion.audience !== `https://${host}/saml`) {
        return invalid(res, entry, `audience ${assertion.audience} is not this sign-in endpoint`);
      }
      if (assertion.relayState !== relayState) return invalid(res, entry, "RelayState differs from the one the IdP signed");

      const token = sessions.createConsoleSession({ role: assertion.role, roleSessionName: assertion.roleSessionName });
      const cookieDomain = isGov(host) ? ".amazonaws-us-gov.com" : ".aws.amazon.com";
      const cookie = `${CONSOLE_SESSION_COOKIE}=${token}; Domain=${cookieDomain}; Path=/; Secure; HttpOnly; SameSite=Lax`;
      if (isFederateUrl(relayState)) {
        entry.outcome = "to-relay-state";
        return sendRedirect(res, relayState, { "set-cookie": cookie });
      }
      entry.outcome = "to-console-home";
      const home = isGov(host) ? "https://console.amazonaws-us-gov.com/console/home" : "https://us-east-1.console.aws.amazon.com/console/home";
      return sendRedirect(res, home, { "set-cookie": cookie });
    },
  };
}
