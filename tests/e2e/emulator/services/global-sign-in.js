// Amazon Connect Global Resiliency's SAML sign-in endpoint:
//   https://<instance-id>.<source-region>.sign-in.connect.aws/saml?&instanceId=…&accountId=…&role=…&idp=…&destination=…
// The Entra app posts its SAMLResponse here (it is the app's ACS URL); no
// relay state is configured: the destination is the ACS URL's own query
// parameter (docs/facts.md, "Global Resiliency"). It accepts only a response
// the emulated Entra issued for this endpoint (the IAM trust policy's
// SAML:aud is the endpoint), checks the ACS query names this instance, its
// account and the assertion's role, and signs the agent in to the instance,
// landing on the destination. What Connect does with a RelayState posted
// anyway is not documented: the request log keeps it for the tests.
import { escapeHtml, page, readForm, sendHtml, sendRedirect } from "../http-replies.js";
import { ACCOUNT_ID } from "../default-world.js";
import { destinationProblem, isAbsoluteDestination } from "./federate.js";
import { pathPrefix } from "./connect.js";

const HOST = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.sign-in\.connect\.aws$/;

/** The Global Resiliency instance whose endpoint `host` is, or null. */
export function instanceForSignInHost(instances, host) {
  const m = HOST.exec(host);
  if (!m) return null;
  return instances.find((i) => i.id === m[1] && i.region === m[2] && i.globalResiliency) ?? null;
}

/** "arn:aws:iam::<account>:role/<name>" of a SAML Role attribute "role-arn,idp-arn". */
function roleArnOf(assertionRole) {
  return String(assertionRole ?? "").split(",")[0];
}

/** The ACS query's role (a name or an ARN) names the assertion's role. */
function sameRole(queryRole, assertionRole) {
  const arn = roleArnOf(assertionRole);
  return Boolean(queryRole) && (queryRole === arn || `arn:aws:iam::${ACCOUNT_ID}:role/${queryRole}` === arn);
}

export function createGlobalSignInService({ scenario, now, signer, sessions }) {
  const refuse = (res, entry, outcome, reason) => {
    entry.outcome = outcome;
    sendHtml(res, 400, page({ title: "Amazon Connect", body: `<h1>Invalid request</h1><p>${escapeHtml(reason)}</p>` }));
  };

  return {
    async handle(req, res, { host, url, entry }) {
      const s = scenario();
      const instance = instanceForSignInHost(s.instances, host);
      if (!instance || url.pathname !== "/saml") return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
      if (req.method !== "POST") return refuse(res, entry, "invalid-saml", "the SAML endpoint takes a POST");

      const form = await readForm(req);
      entry.form = { RelayState: form.get("RelayState"), hasSAMLResponse: form.has("SAMLResponse") };
      const verdict = signer.verify(form.get("SAMLResponse"), now());
      if (!verdict.ok) return refuse(res, entry, "invalid-saml", verdict.reason);
      const { assertion } = verdict;
      if (assertion.audience !== `https://${host}/saml`) {
        return refuse(res, entry, "invalid-saml", `audience ${assertion.audience} is not this sign-in endpoint`);
      }

      const q = url.searchParams;
      if (q.get("instanceId") !== instance.id) return refuse(res, entry, "wrong-instance", "instanceId does not name this instance");
      if (q.get("accountId") !== ACCOUNT_ID) return refuse(res, entry, "wrong-account", "accountId is not the instance's account");
      if (!sameRole(q.get("role"), assertion.role)) return refuse(res, entry, "wrong-role", "role is not the role of the SAML assertion");
      const destinations = q.getAll("destination");
      const destination = destinations.length === 0 ? "/" : destinations[0];
      const problem = destinations.length === 0 ? null : destinationProblem(destinations, instance);
      if (problem) return refuse(res, entry, "invalid-destination", problem);

      const permitted = !s.failures.roleWithoutPermission &&
        (instance.rolesWithPermission === null || instance.rolesWithPermission.includes(assertion.role));
      const origin = `https://${instance.alias}.${instance.domain}`;
      if (!permitted) {
        entry.outcome = "role-without-permission";
        return sendRedirect(res, isAbsoluteDestination(destination) ? destination : `${origin}${destination}`);
      }
      // One sign-in, both regions (the replica's session is not emulated).
      const sid = sessions.createConnectSession(instance.id);
      const ticket = sessions.issueTicket(sid, destination);
      entry.outcome = "signed-in";
      return sendRedirect(res, `${origin}${pathPrefix(instance)}/auth/emulator-session?ticket=${ticket}`);
    },
  };
}
