// The emulator on its own, driven by node's https client (no browser): its
// certificate, its strict decoding and every failure knob. Fast; runs first.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { connect as tlsConnect } from "node:tls";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "./emulator/index.js";
import { EMULATED_HOST_PATTERNS, hostMatchesPattern } from "./emulator/emulated-hosts.js";
import { ENTRA_APPS, INSTANCES, TENANT_ID, ccpUrl } from "./emulator/default-world.js";
import { applyScenarioPatch, DEFAULT_SCENARIO } from "./emulator/scenario.js";
import { createSamlSigner } from "./emulator/saml-response.js";
import { createNodeBrowser } from "./harness/node-browser.js";
import {
  ACME_RELAY_STATE, CORRECT_SIGN_IN_URL, DESTINATION_OVER_ENCODED_SIGN_IN_URL,
  OVER_ENCODED_SIGN_IN_URL, UNDER_ENCODED_SIGN_IN_URL,
} from "./harness/hand-built-urls.js";

const acme = INSTANCES.acme;
const legacy = INSTANCES.legacy;
const CCP = ccpUrl(acme); // https://acme.my.connect.aws/ccp-v2

/** A launcher URL for `app` with `relayState` encoded exactly once more, as the product must. */
const signInUrl = (relayState, app = ENTRA_APPS.agents, host = "launcher.myapps.microsoft.com/api/signin") =>
  `https://${host}/${app.appId}?tenantId=${app.tenantId}&RelayState=${encodeURIComponent(relayState)}`;

/** A manual clock, so session lifetimes and outages are tested without waiting. */
function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe("emulator", () => {
  let emulator;
  let browser;
  const clock = manualClock();

  before(async () => {
    emulator = await startEmulator({ clock: clock.now });
  });
  after(() => emulator?.stop());
  beforeEach(() => {
    emulator.setScenario(DEFAULT_SCENARIO);
    emulator.restoreNetwork();
    emulator.expireSessions();
    emulator.clearRequests();
    browser = createNodeBrowser(emulator);
  });

  describe("certificate and names", () => {
    const concreteName = (pattern) => pattern.replace("*", "us-east-1");

    for (const pattern of EMULATED_HOST_PATTERNS) {
      test(`certificate verifies for ${concreteName(pattern)}`, async () => {
        const response = await browser.fetch(`https://${concreteName(pattern)}/favicon.ico`);
        assert.ok(response.status > 0);
      });
    }

    test("a name outside the certificate fails verification", async () => {
      const error = await new Promise((resolve) => {
        const socket = tlsConnect({ host: "127.0.0.1", port: emulator.port, servername: "example.org", ca: emulator.certificate }, () => {
          socket.end();
          resolve(null);
        });
        socket.on("error", resolve);
      });
      assert.equal(error?.code, "ERR_TLS_CERT_ALTNAME_INVALID");
    });

    test("wildcards cover exactly one label", () => {
      assert.ok(hostMatchesPattern("acme.my.connect.aws", "*.my.connect.aws"));
      assert.ok(!hostMatchesPattern("my.connect.aws", "*.my.connect.aws"));
      assert.ok(!hostMatchesPattern("a.b.my.connect.aws", "*.my.connect.aws"));
      assert.ok(!hostMatchesPattern("evilmy.connect.aws", "*.my.connect.aws"));
    });

    test("resolver rules map every emulated name to the emulator and nothing else anywhere", () => {
      for (const p of EMULATED_HOST_PATTERNS) assert.ok(emulator.hostResolverRules.includes(`MAP ${p} 127.0.0.1:${emulator.port}`));
      assert.match(emulator.hostResolverRules, /MAP \* ~NOTFOUND/);
    });

    test("a Connect alias that is no configured instance is not found", async () => {
      const response = await browser.fetch("https://foo.awsapps.com/connect/ccp-v2");
      assert.equal(response.status, 404);
    });
  });

  describe("the sign-in chain", () => {
    test("a correctly encoded launcher URL reaches the CCP signed in", async () => {
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.equal(end.url, CCP);
      assert.match(end.body, /<main id="ccp-ready">CCP ready<\/main>/);

      const launch = emulator.requests({ host: "launcher.myapps.microsoft.com" });
      assert.equal(launch.length, 1);
      assert.equal(launch[0].params.RelayState, ACME_RELAY_STATE, "launcher decodes RelayState exactly once");
      const federate = emulator.requests({ path: `/connect/federate/${acme.id}` });
      assert.equal(federate.length, 1);
      assert.deepEqual(federate[0].params, { destination: "/ccp-v2", new_domain: "true" });
      assert.equal(federate[0].outcome, "signed-in");
      assert.equal(federate[0].host, "us-east-1.console.aws.amazon.com");
      const acs = emulator.requests({ path: "/saml" });
      assert.equal(acs.length, 1);
      assert.equal(acs[0].host, "us-east-1.signin.aws.amazon.com", "the agents app uses the regional ACS");
      assert.equal(acs[0].form.RelayState, ACME_RELAY_STATE);
      assert.equal(acs[0].method, "POST");
    });

    test("the session cookie is set on the Connect host with the production attributes", async () => {
      await browser.navigate(CORRECT_SIGN_IN_URL);
      const handoff = emulator.requests({ path: "/auth/emulator-session" });
      assert.equal(handoff.length, 1);
      assert.equal(handoff[0].host, "acme.my.connect.aws");
      const session = browser.cookies().find((c) => c.name === "ccp_session");
      assert.equal(session.domain, "acme.my.connect.aws");
      assert.ok(session.hostOnly);
      const raw = await freshHandoffSetCookie();
      assert.match(raw, /^ccp_session=[^;]+; Secure; HttpOnly; SameSite=None; Path=\/$/);
    });

    /** Runs the chain once more, stopping at the hand-off, to read its raw Set-Cookie. */
    async function freshHandoffSetCookie() {
      const other = createNodeBrowser(emulator);
      const handoff = await other.navigate(CORRECT_SIGN_IN_URL, { stopBefore: (u) => u.includes("/auth/emulator-session") });
      assert.ok(handoff.stopped);
      return (await other.fetch(handoff.url)).headers["set-cookie"][0];
    }

    test("myapps.microsoft.com/signin works like the launcher", async () => {
      const end = await browser.navigate(signInUrl(ACME_RELAY_STATE, ENTRA_APPS.agents, "myapps.microsoft.com/signin"));
      assert.equal(end.url, CCP);
      assert.equal(emulator.requests({ host: "myapps.microsoft.com" }).length, 1);
    });

    test("the global ACS and a second app on the same instance", async () => {
      const relay = `https://us-east-1.console.aws.amazon.com/connect/federate/${acme.id}?destination=%2Fagent-app-v2%3FVDIPlatform%3DCITRIX_413&new_domain=true`;
      const end = await browser.navigate(signInUrl(relay, ENTRA_APPS.admins));
      assert.equal(end.url, "https://acme.my.connect.aws/agent-app-v2?VDIPlatform=CITRIX_413");
      assert.match(end.body, /id="connect-ready"/);
      assert.equal(emulator.requests({ path: "/saml" })[0].host, "signin.aws.amazon.com");
    });

    test("a ticket works once", async () => {
      await browser.navigate(CORRECT_SIGN_IN_URL);
      const [handoff] = emulator.requests({ path: "/auth/emulator-session" });
      const replay = await createNodeBrowser(emulator).fetch(`https://acme.my.connect.aws/auth/emulator-session?${handoff.query}`);
      assert.equal(replay.status, 400);
    });

    test("a legacy awsapps.com instance lands under /connect", async () => {
      const relay = `https://eu-west-2.console.aws.amazon.com/connect/federate/${legacy.id}?destination=%2Fconnect%2Fccp-v2`;
      const end = await browser.navigate(signInUrl(relay, ENTRA_APPS.legacy));
      assert.equal(end.url, "https://oldco.awsapps.com/connect/ccp-v2");
      assert.match(end.body, /id="ccp-ready"/);
      assert.equal(emulator.requests({ path: "/connect/auth/emulator-session", host: "oldco.awsapps.com" }).length, 1);
    });
  });

  describe("external destinations and Global Resiliency", () => {
    const launcherUrl = (app) => `https://launcher.myapps.microsoft.com/api/signin/${app.appId}?tenantId=${app.tenantId}`;

    test("an external destination of an approved origin is where federate sends the agent, signed in", async () => {
      const relay = `https://us-east-1.console.aws.amazon.com/connect/federate/${acme.id}?destination=${encodeURIComponent("https://agents.example.com/ccp")}&new_domain=true`;
      const end = await browser.navigate(signInUrl(relay));
      assert.equal(end.url, "https://agents.example.com/ccp");
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "signed-in");
      const session = browser.cookies().find((c) => c.name === "ccp_session");
      assert.ok(emulator.isSessionValid("acme.my.connect.aws", session.value), "the Connect session is live");
    });

    test("an external destination that is no approved origin is refused", async () => {
      for (const destination of ["https://evil.example.net/ccp", "https://agents.example.com.evil.net/ccp"]) {
        emulator.clearRequests();
        const relay = `https://us-east-1.console.aws.amazon.com/connect/federate/${acme.id}?destination=${encodeURIComponent(destination)}&new_domain=true`;
        const end = await browser.navigate(signInUrl(relay));
        assert.equal(end.status, 400, destination);
        assert.match(end.body, /not an approved origin/);
        assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "invalid-destination");
      }
    });

    test("Global Resiliency: the Entra app posts to the instance's sign-in endpoint, no relay state, and lands signed in", async () => {
      const end = await browser.navigate(launcherUrl(ENTRA_APPS.acgr));
      assert.equal(end.url, CCP);
      assert.match(end.body, /<main id="ccp-ready">CCP ready<\/main>/);
      const [post] = emulator.requests({ path: "/saml" });
      assert.equal(post.host, `${acme.id}.us-east-1.sign-in.connect.aws`);
      assert.equal(post.form.RelayState, null, "no relay state is posted");
      assert.equal(post.params.destination, "/ccp-v2");
      assert.equal(post.outcome, "signed-in");
      assert.equal(emulator.requests((r) => /^\/connect\/federate\//.test(r.path)).length, 0, "the console's federate is not on the way");
    });

    test("Global Resiliency: a SAML response for another audience, or an ACS for another instance, is refused", async () => {
      const wrongAudience = { ...ENTRA_APPS.acgr, identifier: "https://signin.aws.amazon.com/saml#9" };
      emulator.setScenario({ entraApps: [wrongAudience] });
      assert.equal((await browser.navigate(launcherUrl(wrongAudience))).status, 400);
      assert.equal(emulator.requests({ path: "/saml" })[0].outcome, "invalid-saml");

      emulator.clearRequests();
      const otherInstance = { ...ENTRA_APPS.acgr, acs: ENTRA_APPS.acgr.acs.replace(`instanceId=${acme.id}`, `instanceId=${legacy.id}`) };
      emulator.setScenario({ entraApps: [otherInstance] });
      assert.equal((await browser.navigate(launcherUrl(otherInstance))).status, 400);
      assert.equal(emulator.requests({ path: "/saml" })[0].outcome, "wrong-instance");
    });

    test("Global Resiliency: an instance that is not replicated has no sign-in endpoint", async () => {
      const response = await browser.fetch(`https://${legacy.id}.eu-west-2.sign-in.connect.aws/saml`);
      assert.equal(response.status, 404);
    });
  });

  describe("strict decoding: a wrongly encoded URL never reaches the CCP", () => {
    const reachedCcpSignedIn = () =>
      emulator.requests((r) => r.host === "acme.my.connect.aws" && r.path === "/ccp-v2" && r.status === 200).length > 0 &&
      emulator.requests({ path: "/auth/emulator-session" }).length > 0;

    test("relay state not encoded for the launcher: new_domain=true is lost → wrong page", async () => {
      const end = await browser.navigate(UNDER_ENCODED_SIGN_IN_URL);
      assert.equal(end.status, 404);
      assert.equal(end.url, "https://acme.my.connect.aws/connect/ccp-v2");
      const [federate] = emulator.requests({ path: `/connect/federate/${acme.id}` });
      assert.equal(federate.outcome, "wrong-page-missing-new-domain");
      assert.ok(!reachedCcpSignedIn());
    });

    test("relay state encoded twice: not a URL after one decoding → console home", async () => {
      const end = await browser.navigate(OVER_ENCODED_SIGN_IN_URL);
      assert.equal(end.url, "https://us-east-1.console.aws.amazon.com/console/home");
      assert.equal(emulator.requests({ path: "/saml" })[0].outcome, "to-console-home");
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` }).length, 0);
      assert.ok(!reachedCcpSignedIn());
    });

    test("destination encoded twice: federate refuses it", async () => {
      const end = await browser.navigate(DESTINATION_OVER_ENCODED_SIGN_IN_URL);
      assert.equal(end.status, 400);
      const [federate] = emulator.requests({ path: `/connect/federate/${acme.id}` });
      assert.equal(federate.params.destination, "%2Fccp-v2");
      assert.equal(federate.outcome, "invalid-destination");
      assert.ok(!reachedCcpSignedIn());
    });

    test("destination not a path, or given twice, is refused", async () => {
      for (const query of ["destination=ccp-v2&new_domain=true", "destination=%2F%2Fevil.example.net&new_domain=true",
        "destination=%2Fccp-v2&destination=%2Fccp-v2&new_domain=true", "new_domain=true"]) {
        emulator.clearRequests();
        const relay = `https://us-east-1.console.aws.amazon.com/connect/federate/${acme.id}?${query}`;
        const end = await createNodeBrowser(emulator).navigate(signInUrl(relay));
        assert.equal(end.status, 400, query);
        assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "invalid-destination", query);
      }
    });

    test("new_domain=true on a legacy instance is a wrong page", async () => {
      const relay = `https://eu-west-2.console.aws.amazon.com/connect/federate/${legacy.id}?destination=%2Fconnect%2Fccp-v2&new_domain=true`;
      const end = await browser.navigate(signInUrl(relay, ENTRA_APPS.legacy));
      assert.equal(end.status, 404);
      assert.equal(emulator.requests({ path: `/connect/federate/${legacy.id}` })[0].outcome, "wrong-page-new-domain-on-legacy");
    });

    test("a legacy destination without /connect is a page that does not exist", async () => {
      const relay = `https://eu-west-2.console.aws.amazon.com/connect/federate/${legacy.id}?destination=%2Fccp-v2`;
      const end = await browser.navigate(signInUrl(relay, ENTRA_APPS.legacy));
      assert.equal(end.url, "https://oldco.awsapps.com/ccp-v2");
      assert.equal(end.status, 404);
    });

    test("federate in another region than the instance's is an unknown instance", async () => {
      const relay = `https://eu-west-1.console.aws.amazon.com/connect/federate/${acme.id}?destination=%2Fccp-v2&new_domain=true`;
      const end = await browser.navigate(signInUrl(relay));
      assert.match(end.body, /Session expired/);
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "unknown-instance");
    });
  });

  describe("AWS sign-in checks the SAML response", () => {
    const postToAcs = (fields) => browser.fetch("https://signin.aws.amazon.com/saml", { form: fields });

    test("a response signed with another key is refused", async () => {
      const forged = createSamlSigner().issue({
        issuer: "x", audience: "https://signin.aws.amazon.com/saml", role: ENTRA_APPS.agents.role,
        roleSessionName: "a", relayState: ACME_RELAY_STATE, notOnOrAfter: new Date(clock.now() + 60_000),
      });
      const response = await postToAcs({ SAMLResponse: forged, RelayState: ACME_RELAY_STATE });
      assert.equal(response.status, 400);
      assert.match(response.body, /invalid SAML response/);
    });

    test("garbage and a missing response are refused", async () => {
      assert.equal((await postToAcs({ SAMLResponse: "not base64!", RelayState: ACME_RELAY_STATE })).status, 400);
      assert.equal((await postToAcs({ RelayState: ACME_RELAY_STATE })).status, 400);
      assert.equal((await browser.fetch("https://signin.aws.amazon.com/saml")).status, 400);
    });

    test("a relay state swapped after the IdP signed is refused", async () => {
      // Stop at the ACS: take the IdP's form, change its RelayState, post it.
      const atAcs = await browser.navigate(CORRECT_SIGN_IN_URL, { stopBefore: (u) => u.endsWith("/saml") });
      const saml = atAcs.form.SAMLResponse;
      const other = `https://us-east-1.console.aws.amazon.com/connect/federate/${INSTANCES.other.id}?destination=%2Fccp-v2&new_domain=true`;
      const response = await postToAcs({ SAMLResponse: saml, RelayState: other });
      assert.equal(response.status, 400);
      assert.match(response.body, /RelayState differs/);
    });

    test("federate without a console session goes to the AWS sign-in page, not Connect", async () => {
      const end = await browser.navigate(ACME_RELAY_STATE);
      assert.equal(new URL(end.url).pathname, "/signin");
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "no-console-session");
    });
  });

  describe("Connect pages", () => {
    async function signedInBrowser(instance = acme) {
      const b = createNodeBrowser(emulator);
      b.setCookie(emulator.createSession(instance));
      return b;
    }

    test("signed in: the CCP, /auth/authorize 200, the heartbeat 200", async () => {
      const b = await signedInBrowser();
      const ccp = await b.fetch(CCP);
      assert.match(ccp.body, /<main id="ccp-ready">CCP ready<\/main>/);
      assert.match(ccp.body, /<div role="log" class="chat-transcript">/);
      assert.match(ccp.body, /postMessage\(\{ source: "emulated-ccp", state \}/);
      const authorize = await b.fetch("https://acme.my.connect.aws/auth/authorize");
      assert.equal(authorize.status, 200);
      assert.equal(JSON.parse(authorize.body).signedIn, true);
    });

    // The browser decides which cookies a request carries (its third-party
    // cookie setting, its policies); Connect answers by the cookie alone, so
    // the end-to-end scenarios show what a real Chromium sends.
    test("Connect answers by the cookie sent, never by who asks or from where", async () => {
      const signedIn = await signedInBrowser();
      const signedOut = createNodeBrowser(emulator);
      const embedded = { "sec-fetch-dest": "iframe", "sec-fetch-site": "cross-site", referer: "https://agents.example.com/ccp" };
      const extension = { "sec-fetch-dest": "empty", "sec-fetch-site": "none", origin: "chrome-extension://lgnognmbodadambbbcigkefnngodpege" };
      for (const headers of [{}, embedded, extension]) {
        assert.equal((await signedIn.fetch("https://acme.my.connect.aws/auth/authorize", { headers })).status, 200);
        assert.equal((await signedOut.fetch("https://acme.my.connect.aws/auth/authorize", { headers })).status, 401);
        assert.match((await signedIn.fetch(CCP, { headers })).body, /id="ccp-ready"/);
      }
    });

    test("the CCP's Log out ends that session only and lands on the login page", async () => {
      const agent = await signedInBrowser();
      const colleague = await signedInBrowser();
      assert.match((await agent.fetch(CCP)).body, /<a id="ccp-logout" href="\/logout">/);
      const end = await agent.navigate("https://acme.my.connect.aws/logout");
      assert.equal(new URL(end.url).pathname, "/login");
      assert.equal((await agent.fetch("https://acme.my.connect.aws/auth/authorize")).status, 401);
      assert.equal((await colleague.fetch("https://acme.my.connect.aws/auth/authorize")).status, 200, "another session lives on");
    });

    test("a session of one instance is not valid on another", async () => {
      const b = await signedInBrowser(acme);
      b.setCookie({ ...emulator.createSession(acme), domain: "oldco.awsapps.com" });
      assert.equal((await b.fetch("https://oldco.awsapps.com/connect/auth/authorize")).status, 401);
    });

    test("expireSessions() ends them; /auth/authorize answers 401", async () => {
      const b = await signedInBrowser();
      assert.equal(emulator.expireSessions(), 1);
      assert.equal((await b.fetch("https://acme.my.connect.aws/auth/authorize")).status, 401);
      assert.equal((await b.fetch("https://acme.my.connect.aws/emulator/ccp-heartbeat")).status, 401);
    });

    test("the authorize knob moves the endpoint and sets its statuses, also under /connect on legacy", async () => {
      emulator.setScenario({ authorize: { path: "/auth/session", signedInStatus: 200, signedOutStatus: 440 } });
      const b = await signedInBrowser();
      const signedIn = await b.fetch("https://acme.my.connect.aws/auth/session");
      assert.equal(signedIn.status, 200);
      assert.equal(JSON.parse(signedIn.body).signedIn, true);
      const legacyBrowser = await signedInBrowser(legacy);
      assert.equal((await legacyBrowser.fetch("https://oldco.awsapps.com/connect/auth/session")).status, 200);
      assert.doesNotMatch((await b.fetch("https://acme.my.connect.aws/auth/authorize")).headers["content-type"], /json/,
        "the old path is no endpoint any more, just a page");
      emulator.expireSessions();
      const signedOut = await b.fetch("https://acme.my.connect.aws/auth/session");
      assert.equal(signedOut.status, 440);
      assert.equal(JSON.parse(signedOut.body).signedIn, false);
      emulator.setScenario({ authorize: { signedOutStatus: 200 } });
      assert.equal((await b.fetch("https://acme.my.connect.aws/auth/session")).status, 200, "signed out, yet 200");
    });

    test("session lifetime: a session ends lifetimeMs after it was made", async () => {
      emulator.setScenario({ session: { lifetimeMs: 1000 } });
      const b = await signedInBrowser();
      clock.advance(999);
      assert.equal((await b.fetch("https://acme.my.connect.aws/auth/authorize")).status, 200);
      clock.advance(1);
      assert.equal((await b.fetch("https://acme.my.connect.aws/auth/authorize")).status, 401);
    });

    test("expiry style text shows the dialog, in the scenario's language", async () => {
      const signedOut = createNodeBrowser(emulator);
      let page = await signedOut.fetch(CCP);
      assert.equal(page.status, 200);
      assert.match(page.body, /<div role="alertdialog" class="session-expired"><h2>Session expired<\/h2><p>Your session has expired\. Please log in\.<\/p><\/div>/);
      emulator.setScenario({ expiry: { language: "de" } });
      page = await signedOut.fetch(CCP);
      assert.match(page.body, /<html lang="de">/);
      assert.match(page.body, /<h2>Sitzung abgelaufen<\/h2>/);
      assert.doesNotMatch(page.body, /Session expired/);
    });

    test("expiry style redirect: /ccp-v2 → /login, which refuses framing", async () => {
      emulator.setScenario({ expiry: { style: "redirect" } });
      const end = await createNodeBrowser(emulator).navigate(CCP);
      assert.equal(end.url, "https://acme.my.connect.aws/login");
      assert.equal(end.headers["x-frame-options"], "sameorigin");
    });

    test("expiry style redirect on the legacy domain: auth/refresh?landat=… → /connect/login", async () => {
      emulator.setScenario({ expiry: { style: "redirect" } });
      const end = await createNodeBrowser(emulator).navigate(ccpUrl(legacy));
      assert.deepEqual(end.chain, [
        "https://oldco.awsapps.com/connect/ccp-v2",
        "https://oldco.awsapps.com/connect/auth/refresh?landat=%2Fconnect%2Fccp-v2",
        "https://oldco.awsapps.com/connect/login",
      ]);
      assert.equal(end.headers["x-frame-options"], "sameorigin");
    });

    test("the chat transcript knob shows customer text in the signed-in CCP", async () => {
      emulator.setScenario({ ccp: { chatTranscript: "my session expired yesterday" } });
      const page = await (await signedInBrowser()).fetch(CCP);
      assert.match(page.body, /class="chat-transcript"><p class="customer">my session expired yesterday<\/p>/);
    });
  });

  describe("the custom CCP and other sites", () => {
    test("the custom CCP embeds the CCP, has #ccp-status and the bridge snippet", async () => {
      const page = await browser.fetch("https://agents.example.com/ccp");
      assert.match(page.body, /<iframe id="ccp" src="https:\/\/acme\.my\.connect\.aws\/ccp-v2"/);
      assert.match(page.body, /<span id="ccp-status"[^>]*>loading<\/span>/);
      assert.match(page.body, /connect\.core\.onAuthFail\(\(\) => window\.postMessage\(\{source: "ccp-relogin", type: "auth-fail"\}, "\*"\)\)/);
      assert.equal((await browser.fetch("https://agents.example.com/nope")).status, 404);
    });

    test("custom pages and the bridge are knobs", async () => {
      emulator.setScenario({ customCcp: { pages: { "/workspace": ccpUrl(legacy) }, streamsBridge: false } });
      const page = await browser.fetch("https://agents.example.com/workspace");
      assert.match(page.body, /src="https:\/\/oldco\.awsapps\.com\/connect\/ccp-v2"/);
      assert.doesNotMatch(page.body, /type: "auth-fail"/);
      assert.equal((await browser.fetch("https://agents.example.com/ccp")).status, 404);
    });

    test("every page has the agent's notes field; embedding places the CCP iframe", async () => {
      assert.match((await browser.fetch("https://agents.example.com/ccp")).body, /<textarea id="agent-notes"/);
      assert.equal((await browser.fetch("https://agents.example.com/ccp/softphone")).status, 404, "no softphone page by default");

      emulator.setScenario({ customCcp: { embedding: "shadow-root" } });
      const shadow = (await browser.fetch("https://agents.example.com/ccp")).body;
      assert.match(shadow, /<ccp-softphone><\/ccp-softphone>/);
      assert.match(shadow, /attachShadow\(\{ mode: "open" \}\)\.innerHTML = "<iframe id=\\"ccp\\" src=\\"https:\/\/acme\.my\.connect\.aws\/ccp-v2\\"/);
      assert.doesNotMatch(shadow, /^<iframe id="ccp"/m, "no CCP iframe in the page's own markup");

      emulator.setScenario({ customCcp: { embedding: "same-origin-frame" } });
      const top = (await browser.fetch("https://agents.example.com/ccp")).body;
      assert.match(top, /<iframe id="softphone" src="\/ccp\/softphone"/);
      assert.match(top, /<span id="ccp-status"[^>]*>loading<\/span>/);
      assert.doesNotMatch(top, /id="ccp"|onAuthFail/);
      const softphone = await browser.fetch("https://agents.example.com/ccp/softphone");
      assert.equal(softphone.status, 200);
      assert.match(softphone.body, /<iframe id="ccp" src="https:\/\/acme\.my\.connect\.aws\/ccp-v2"/);
      assert.match(softphone.body, /window\.top\.postMessage\(\{source: "ccp-relogin", type: "auth-fail"\}, "\*"\)/);
      assert.match(softphone.body, /window\.top\.document\.getElementById\("ccp-status"\)/);
      assert.equal((await browser.fetch("https://agents.example.com/nope/softphone")).status, 404);
    });

    test("the intranet page says Session expired; the foreign site exists to be caught", async () => {
      assert.match((await browser.fetch("https://intranet.example.com/news")).body, /Session expired/);
      assert.equal((await browser.fetch("https://evil.example.net/phish")).status, 200);
      assert.equal(emulator.requests({ host: "evil.example.net" }).length, 1);
    });
  });

  describe("failure knobs", () => {
    test("role without permission: federate gives Connect no session → Session expired", async () => {
      emulator.setScenario({ failures: { roleWithoutPermission: true } });
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.equal(end.url, CCP);
      assert.match(end.body, /Session expired/);
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` })[0].outcome, "role-without-permission");
      assert.equal(emulator.requests({ path: "/auth/emulator-session" }).length, 0);
    });

    test("an instance whose roles don't include the app's role behaves the same", async () => {
      emulator.setScenario({ instances: [{ ...acme, rolesWithPermission: [ENTRA_APPS.admins.role] }] });
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.match(end.body, /Session expired/);
    });

    test("relay state for another instance: lands on that instance, signed out", async () => {
      emulator.setScenario({ failures: { relayStateInstanceId: INSTANCES.other.id } });
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.equal(end.url, "https://elsewhere.my.connect.aws/ccp-v2");
      assert.match(end.body, /Session expired/);
      assert.equal(emulator.requests({ path: `/connect/federate/${acme.id}` }).length, 0);
    });

    test("relay state for an instance nobody knows: federate shows Session expired", async () => {
      emulator.setScenario({ failures: { relayStateInstanceId: "00000000-0000-4000-8000-000000000000" } });
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.match(end.body, /Session expired/);
      assert.equal(emulator.requests({ path: /^\/connect\/federate\// })[0].outcome, "unknown-instance");
    });

    test("Entra: unknown app → AADSTS700016, unknown tenant → AADSTS90002, forced error", async () => {
      let end = await browser.navigate(CORRECT_SIGN_IN_URL.replace(ENTRA_APPS.agents.appId, "00000000-1111-4222-8333-444444444444"));
      assert.equal(new URL(end.url).hostname, "login.microsoftonline.com");
      assert.match(end.body, /AADSTS700016: Application with identifier/);
      end = await browser.navigate(CORRECT_SIGN_IN_URL.replace(TENANT_ID, "99999999-1111-4222-8333-444444444444"));
      assert.match(end.body, /AADSTS90002: Tenant/);
      emulator.setScenario({ idp: { error: "AADSTS50105" } });
      end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.match(end.body, /AADSTS50105/);
      assert.equal(emulator.requests({ path: "/saml" }).length, 0);
    });

    test("interactive IdP: a sign-in page with #idSIButton9, then silent while Entra has a session", async () => {
      emulator.setScenario({ idp: { mode: "interactive" } });
      const first = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.match(first.body, /<input type="submit" id="idSIButton9" value="Sign in">/);
      assert.equal(emulator.requests({ path: "/saml" }).length, 0);
      // Click: post the form as the browser would.
      const ctx = /name="ctx" value="([^"]+)"/.exec(first.body)[1];
      const posted = await browser.fetch(`https://login.microsoftonline.com/${TENANT_ID}/login`, { form: { ctx, loginfmt: "agent@example.com" } });
      assert.match(posted.body, /name="SAMLResponse"/);
      const again = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.equal(again.url, CCP, "the Entra session cookie makes the next launch silent");
    });

    test("IdP latency delays Entra's answer", async () => {
      const real = await startEmulator({ scenario: { idp: { latencyMs: 300 } } });
      try {
        await createNodeBrowser(real).navigate(CORRECT_SIGN_IN_URL);
        const [idp] = real.requests({ host: "login.microsoftonline.com" });
        const [acs] = real.requests({ path: "/saml" });
        assert.ok(acs.time - idp.time >= 300, `ACS came ${acs.time - idp.time} ms after the IdP request`);
      } finally {
        await real.stop();
      }
    });

    test("idp.stallSamlPages: that many SAML pages never finish, the next one posts", async () => {
      const stalling = await startEmulator({ scenario: { idp: { stallSamlPages: 1 } } });
      try {
        const first = createNodeBrowser(stalling).navigate(CORRECT_SIGN_IN_URL).then(() => "finished", () => "cut");
        const after = await Promise.race([first, new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1500))]);
        assert.equal(after, "still waiting", "the stalled page's response does not end");
        const [stalled] = stalling.requests({ host: "login.microsoftonline.com" });
        assert.equal(stalled.outcome, "saml-stalled");
        assert.equal(stalling.scenario().idp.stallSamlPages, 0, "counted down");
        const end = await createNodeBrowser(stalling).navigate(CORRECT_SIGN_IN_URL);
        assert.equal(end.url, CCP);
        assert.deepEqual(stalling.requests({ host: "login.microsoftonline.com" }).map((r) => r.outcome), ["saml-stalled", "saml-posted"]);
      } finally {
        await stalling.stop();
      }
    });

    test("network down: handshakes to those hosts fail and are recorded, then it comes back", async () => {
      emulator.takeNetworkDown(["login.microsoftonline.com"], 5000);
      await assert.rejects(browser.navigate(CORRECT_SIGN_IN_URL));
      const refused = emulator.requests({ host: "login.microsoftonline.com" });
      assert.equal(refused.length, 1);
      assert.equal(refused[0].refused, true);
      clock.advance(5000);
      const end = await browser.navigate(CORRECT_SIGN_IN_URL);
      assert.equal(end.url, CCP);
    });

    test("network down until restored", async () => {
      emulator.takeNetworkDown(["acme.my.connect.aws"]);
      clock.advance(3_600_000);
      await assert.rejects(browser.fetch(CCP));
      emulator.restoreNetwork();
      assert.equal((await browser.fetch(CCP)).status, 200);
    });
  });

  describe("knobs and the log", () => {
    test("an unknown knob is an error, not a silent default", () => {
      assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { expiry: { stlye: "text" } }), /unknown emulator knob scenario\.expiry\.stlye/);
      assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { expiry: { style: "popup" } }), /expiry\.style/);
      assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { session: { lifetimeMs: -1 } }), /lifetimeMs/);
      assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { customCcp: { embedding: "closed-shadow" } }), /customCcp\.embedding/);
      for (const path of ["auth/session", "//evil", "/a/../b", "/emulator/ccp-heartbeat", "/ccp-v2", "/x?y=1"]) {
        assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { authorize: { path } }), /authorize\.path/, path);
      }
      for (const status of [199, 204, 304, 600, "401", 401.5]) {
        assert.throws(() => applyScenarioPatch(DEFAULT_SCENARIO, { authorize: { signedOutStatus: status } }), /authorize\.signedOutStatus/, String(status));
      }
    });

    test("the log keeps raw and once-decoded query, method, time; plumbing only on request", async () => {
      await browser.fetch(`${CCP}?a=%252F&b=c`);
      await browser.fetch("https://acme.my.connect.aws/emulator/ccp-heartbeat");
      const [entry] = emulator.requests();
      assert.equal(entry.query, "a=%252F&b=c");
      assert.deepEqual(entry.params, { a: "%2F", b: "c" });
      assert.equal(entry.method, "GET");
      assert.equal(typeof entry.time, "number");
      assert.equal(emulator.requests().length, 1);
      assert.equal(emulator.requests({}, { includeInternal: true }).length, 2);
    });
  });
});

describe("emulator: the company's extension update server", () => {
  let emulator;
  let browser;
  let dir;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "ccp-relogin-release-"));
    await writeFile(join(dir, "update.xml"), "<gupdate/>");
    await writeFile(join(dir, "ccp-relogin-extension-1.0.0.crx"), Buffer.from("Cr24"));
    await writeFile(join(dir, "extension-key.pem"), "secret");
    emulator = await startEmulator({ extensionReleaseDir: dir });
    browser = createNodeBrowser(emulator);
  });
  after(async () => {
    await emulator?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("serves update.xml and the CRX of the release folder with their types", async () => {
    const xml = await browser.fetch("https://updates.example.com/ccp-relogin/update.xml");
    assert.equal(xml.status, 200);
    assert.match(xml.headers["content-type"], /^text\/xml/);
    assert.equal(xml.body, "<gupdate/>");
    const crx = await browser.fetch("https://updates.example.com/ccp-relogin/ccp-relogin-extension-1.0.0.crx");
    assert.equal(crx.status, 200);
    assert.equal(crx.headers["content-type"], "application/x-chrome-extension");
  });

  test("nothing else: other types, other paths, other folders", async () => {
    for (const path of ["/ccp-relogin/extension-key.pem", "/update.xml", "/ccp-relogin/../update.xml",
      "/ccp-relogin/%2e%2e%2fupdate.xml", "/ccp-relogin/missing.crx", "/ccp-relogin/sub/update.xml"]) {
      const response = await browser.fetch(`https://updates.example.com${path}`);
      assert.equal(response.status, 404, path);
    }
  });
});
