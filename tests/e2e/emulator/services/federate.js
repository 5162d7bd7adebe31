// The Connect federate endpoint of the AWS console:
// https://<region>.console.aws.amazon.com/connect/federate/<instanceId>?destination=…[&new_domain=true]
// and the GovCloud https://console.amazonaws-us-gov.com/connect/federate/<instanceId>.
// Strict where production is: `destination` is decoded exactly once and must
// be a plain path; new_domain=true must match the instance's domain; a role
// without connect:GetFederationToken gets a Connect without a session.
import { escapeHtml, page, requestCookies, sendHtml, sendRedirect } from "../http-replies.js";
import { connectTexts } from "./connect-texts.js";
import { expiryDialogHtml } from "./connect-pages.js";
import { pathPrefix } from "./connect.js";

export const CONSOLE_SESSION_COOKIE = "emulator-aws-console";
const GOV_CONSOLE_HOST = "console.amazonaws-us-gov.com";
const FEDERATE_PATH = /^\/connect\/federate\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The relay state URL for an instance (used only by the emulator's own knobs). */
export function federateUrlFor(instance, destination) {
  const host = instance.partition === "aws-us-gov" ? GOV_CONSOLE_HOST : `${instance.region}.console.aws.amazon.com`;
  const query = new URLSearchParams({ destination });
  if (instance.domain === "my.connect.aws") query.set("new_domain", "true");
  return `https://${host}/connect/federate/${instance.id}?${query}`;
}

/** Region a console host serves, or "gov" for GovCloud, or null. */
export function consoleRegion(host) {
  if (host === GOV_CONSOLE_HOST) return "gov";
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)\.console\.aws\.amazon\.com$/.exec(host);
  return m ? m[1] : null;
}

/** True for a destination that is an absolute https URL rather than a path on the instance. */
export function isAbsoluteDestination(destination) {
  return destination.startsWith("https://");
}

/**
 * Checks `destination` the way the emulator's federate reads it: present
 * once, a path ("/…", not "//…") or an https URL whose origin is one of the
 * instance's approved origins (Connect sends agents only to those: the admin
 * guide's external destination), no "%" left after one decoding (a value
 * encoded twice still has "%2F"). Returns the error text, or null when fine.
 */
export function destinationProblem(values, instance = null) {
  if (values.length !== 1) return values.length ? "destination appears more than once" : "destination is missing";
  const [d] = values;
  if (d.includes("%")) return `destination "${d}" is still percent-encoded`;
  if (isAbsoluteDestination(d)) {
    let origin = null;
    try {
      origin = new URL(d).origin;
    } catch {
      return `destination "${d}" is not a URL`;
    }
    const approved = instance?.approvedOrigins ?? [];
    return approved.includes(origin) ? null : `destination "${d}" is not an approved origin of the instance`;
  }
  if (!d.startsWith("/") || d.startsWith("//")) return `destination "${d}" is not a path`;
  return null;
}

export function createFederateService({ scenario, sessions }) {
  return {
    handle(req, res, { host, url, entry }) {
      if (url.pathname === "/console/home") {
        entry.outcome = "console-home";
        return sendHtml(res, 200, page({ title: "AWS Management Console", body: "<h1>Console Home</h1>" }));
      }
      const match = FEDERATE_PATH.exec(url.pathname);
      if (!match) return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));

      const consoleSession = sessions.consoleSession(requestCookies(req)[CONSOLE_SESSION_COOKIE]);
      if (!consoleSession) {
        entry.outcome = "no-console-session";
        return sendRedirect(res, `https://signin.aws.amazon.com/signin?redirect_uri=${encodeURIComponent(url.href)}`);
      }

      const s = scenario();
      const instance = s.instances.find((i) => i.id === match[1]);
      const problem = destinationProblem(url.searchParams.getAll("destination"), instance);
      if (problem) {
        entry.outcome = "invalid-destination";
        return sendHtml(res, 400, page({ title: "Amazon Connect", body: `<h1>Invalid request</h1><p>${escapeHtml(problem)}</p>` }));
      }
      const destination = url.searchParams.get("destination");
      const region = consoleRegion(host);
      const served = instance && (instance.partition === "aws-us-gov" ? region === "gov" : region === instance.region);
      if (!served) {
        // The console can't federate into an instance it doesn't know: the
        // agent sees Connect's "Session expired", as in production.
        entry.outcome = "unknown-instance";
        return sendHtml(res, 200, page({ title: "Amazon Connect", body: expiryDialogHtml(connectTexts("en")) }));
      }

      const origin = `https://${instance.alias}.${instance.domain}`;
      const newDomain = url.searchParams.get("new_domain") === "true";
      // Where a signed-out or refused agent ends up: the destination itself.
      const landing = isAbsoluteDestination(destination) ? destination : `${origin}${destination}`;
      if (instance.domain === "my.connect.aws" && !newDomain && !isAbsoluteDestination(destination)) {
        // Without new_domain=true the console builds a legacy-style /connect URL: a wrong page.
        entry.outcome = "wrong-page-missing-new-domain";
        return sendRedirect(res, `${origin}/connect${destination}`);
      }
      if (instance.domain !== "my.connect.aws" && newDomain && !isAbsoluteDestination(destination)) {
        entry.outcome = "wrong-page-new-domain-on-legacy";
        return sendRedirect(res, `https://${instance.alias}.my.connect.aws${destination}`);
      }

      const permitted = !s.failures.roleWithoutPermission &&
        (instance.rolesWithPermission === null || instance.rolesWithPermission.includes(consoleSession.role));
      if (!permitted) {
        // GetFederationToken is denied: no Connect session, the destination says "Session expired".
        entry.outcome = "role-without-permission";
        return sendRedirect(res, landing);
      }

      const sid = sessions.createConnectSession(instance.id);
      const ticket = sessions.issueTicket(sid, destination);
      entry.outcome = "signed-in";
      return sendRedirect(res, `${origin}${pathPrefix(instance)}/auth/emulator-session?ticket=${ticket}`);
    },
  };
}
