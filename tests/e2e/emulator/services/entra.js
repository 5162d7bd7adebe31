// Microsoft Entra ID: the app launchers
//   https://launcher.myapps.microsoft.com/api/signin/<appId>?tenantId=…&RelayState=…
//   https://myapps.microsoft.com/signin/<appId>?tenantId=…&RelayState=…
// and login.microsoftonline.com, which signs the user in (silently, or on an
// interactive page) and auto-posts the SAMLResponse with the RelayState to the
// app's AWS ACS. The launcher decodes RelayState exactly once and keeps the
// value server-side, so no later hop can decode it again by accident.
import { randomBytes } from "node:crypto";
import { autoPostForm, readForm, requestCookies, sendHtml, sendRedirect } from "../http-replies.js";
import { entraErrorPageHtml, entraSignInPageHtml } from "./entra-pages.js";
import { federateUrlFor } from "./federate.js";

const ENTRA_SESSION_COOKIE = "ESTSAUTH";
const LAUNCH_PATHS = {
  "launcher.myapps.microsoft.com": /^\/api\/signin\/([^/]+)$/,
  "myapps.microsoft.com": /^\/signin\/([^/]+)$/,
};
const SAML_LIFETIME_MS = 5 * 60_000;

const delay = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

export function createEntraService({ scenario, setScenario, now, signer }) {
  const launches = new Map(); // ctx → {appId, tenantId, relayState|null}
  const entraSessions = new Set();

  /** The Entra error for a launch, or null when it may proceed. */
  function launchError(s, launch) {
    if (s.idp.error) return [s.idp.error, "The sign-in was refused (emulated failure)."];
    if (!s.entraApps.some((a) => a.tenantId === launch.tenantId)) {
      return ["AADSTS90002", `Tenant '${launch.tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`];
    }
    if (!appOf(s, launch)) {
      return ["AADSTS700016", `Application with identifier '${launch.appId}' was not found in the directory '${launch.tenantId}'.`];
    }
    return null;
  }

  const appOf = (s, launch) => s.entraApps.find((a) => a.appId === launch.appId && a.tenantId === launch.tenantId);

  /** The auto-posting SAML form for a signed-in user. */
  function samlPost(res, s, launch, entry) {
    const app = appOf(s, launch);
    let relayState = launch.relayState ?? app.savedRelayState ?? "";
    const elsewhere = s.failures.relayStateInstanceId;
    if (elsewhere) {
      const other = s.instances.find((i) => i.id === elsewhere) ??
        { id: elsewhere, region: "us-east-1", partition: "aws", domain: "my.connect.aws" };
      relayState = federateUrlFor(other, "/ccp-v2");
    }
    const samlResponse = signer.issue({
      issuer: `https://sts.windows.net/${app.tenantId}/`,
      audience: app.identifier.replace(/#.*$/, ""), // Entra drops the #n suffix (docs/facts.md, "Several AWS apps in one tenant")
      role: app.role,
      roleSessionName: app.roleSessionName,
      relayState,
      notOnOrAfter: new Date(now() + SAML_LIFETIME_MS),
    });
    const fields = relayState ? { SAMLResponse: samlResponse, RelayState: relayState } : { SAMLResponse: samlResponse };
    const html = autoPostForm({ action: app.acs, fields, title: "Working..." });
    if (s.idp.stallSamlPages > 0) return stallPage(res, s, html, entry);
    entry.outcome = "saml-posted";
    return sendHtml(res, 200, html);
  }

  // Headers and the page's head, then silence: the browser commits the page
  // and never gets the form. The emulator's stop() closes the connection.
  function stallPage(res, s, html, entry) {
    setScenario({ idp: { stallSamlPages: s.idp.stallSamlPages - 1 } });
    entry.outcome = "saml-stalled";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.write(html.slice(0, html.indexOf("<body")));
  }

  function launch(res, url, appId, entry) {
    const ctx = randomBytes(12).toString("hex");
    const tenantId = url.searchParams.get("tenantId") ?? "common";
    launches.set(ctx, { appId, tenantId, relayState: url.searchParams.get("RelayState") });
    entry.outcome = "launched";
    return sendRedirect(res, `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/saml2?ctx=${ctx}`);
  }

  async function signIn(req, res, url, entry) {
    const s = scenario();
    const isSubmit = req.method === "POST" && /^\/[^/]+\/login$/.test(url.pathname);
    const isStart = req.method === "GET" && /^\/[^/]+\/saml2$/.test(url.pathname);
    if (!isSubmit && !isStart) return sendHtml(res, 404, entraErrorPageHtml("AADSTS900561", "The endpoint only accepts the emulated sign-in requests."));

    const ctx = isSubmit ? (await readForm(req)).get("ctx") : url.searchParams.get("ctx");
    const launchState = launches.get(ctx);
    await delay(s.idp.latencyMs);
    if (!launchState) return sendHtml(res, 400, entraErrorPageHtml("AADSTS90014", "The request is missing its sign-in context."));
    // "common": the user's home tenant, which is the tenant of the app launched.
    const resolved = launchState.tenantId === "common"
      ? { ...launchState, tenantId: s.entraApps.find((a) => a.appId === launchState.appId)?.tenantId ?? "common" }
      : launchState;

    const error = launchError(s, resolved);
    if (error) {
      entry.outcome = `error-${error[0]}`;
      return sendHtml(res, 200, entraErrorPageHtml(...error));
    }

    const hasSession = entraSessions.has(requestCookies(req)[ENTRA_SESSION_COOKIE]);
    if (isSubmit || s.idp.mode === "silent" || hasSession) {
      if (isSubmit) {
        const token = randomBytes(18).toString("base64url");
        entraSessions.add(token);
        res.setHeader("set-cookie", `${ENTRA_SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=None`);
      }
      return samlPost(res, s, resolved, entry);
    }
    entry.outcome = "sign-in-page";
    return sendHtml(res, 200, entraSignInPageHtml({
      tenantId: resolved.tenantId, ctx, userName: appOf(s, resolved).roleSessionName,
    }));
  }

  return {
    handle(req, res, { host, url, entry }) {
      if (host === "login.microsoftonline.com") return signIn(req, res, url, entry);
      const match = LAUNCH_PATHS[host]?.exec(url.pathname);
      if (!match || req.method !== "GET") return sendHtml(res, 404, entraErrorPageHtml("AADSTS900561", "Not an app launch URL."));
      return launch(res, url, match[1], entry);
    },
  };
}
