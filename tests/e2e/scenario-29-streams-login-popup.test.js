// Scenario 29: a custom CCP that keeps Streams' own login popup
// (initCCP loginPopup: true with loginOptions). Streams opens its window
// ccpAckTimeout (3 s) after the auth failure, whatever happened meanwhile
// (docs/facts.md, "amazon-connect-streams"); the company lets it open with
// PopupsAllowedForUrls, and Chromium's popup blocker stays on (Playwright's
// --disable-popup-blocking is left out), so Chromium decides.
//  a) with ccp-relogin: one sign-in per expiry, the window Streams opened is
//     closed, the agent is back (docs/architecture.md, "Streams' login popup");
//  b) the same browser without the extension: Streams' window opens, starts a
//     sign-in of its own and stays open (what a) prevents);
//  c) without the policy Chromium's popup blocker stops the window.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { CUSTOM_CCP_URL, productConfig, profile } from "./harness/product-config.js";
import { assertNoLoginBefore, assertOneSignIn, expireNow, launches, waitForAgentBack } from "./harness/relogin-expectations.js";
import { openAgentPage, signInAgent, waitForOnly, webPages } from "./harness/agent.js";
import { auditEvents } from "./harness/browser-cookies.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES, TENANT_ID } from "./emulator/default-world.js";

const STREAMS_DELAY_MS = 3000; // Streams' default ccpAckTimeout
// Streams' loginUrl as a company sets it: the Entra app, with no relay state of ours.
const STREAMS_LOGIN_URL = `https://launcher.myapps.microsoft.com/api/signin/${ENTRA_APPS.agents.appId}?tenantId=${TENANT_ID}`;
const streamsWithPopup = { customCcp: { loginPopup: { loginUrl: STREAMS_LOGIN_URL, delayMs: STREAMS_DELAY_MS } } };
const popupsAllowed = { PopupsAllowedForUrls: ["https://agents.example.com"] };
// The same browser without the extension: what Streams and Chromium do on their own.
const withoutTheProduct = { emulator: streamsWithPopup, popupBlocking: true, withExtension: false, needsHost: false };

const ALL = { includeInternal: true }; // the page's beacons are the emulator's own plumbing

/** Streams' attempts to open its window: {opened} each, from the page's beacons. */
const popupAttempts = (emulator, since) =>
  emulator.requests((r) => r.path === "/emulator/streams-popup" && r.time >= since, ALL).map((r) => ({ opened: r.params.opened === "1" }));

async function waitForStreamsPopup(emulator, since) {
  await waitFor(() => popupAttempts(emulator, since).length > 0, { timeoutMs: STREAMS_DELAY_MS + 10_000, what: "Streams to try its login popup" });
  return popupAttempts(emulator, since);
}

/** The CCP frame's own reports of `state` since `since` (its beacon, connect-pages.js). */
const frameReports = (emulator, state, since) =>
  emulator.requests((r) => r.path === "/emulator/ccp-state" && r.params.embedded === "1" && r.params.state === state && r.time >= since, ALL);

/**
 * The agent on the custom CCP, signed in, known only from the emulator's side:
 * Playwright's page.evaluate runs as a user gesture, and a gesture within
 * Chromium's activation window would let Streams' window past the popup
 * blocker whatever the policy says. Nothing here evaluates in the page
 * until Streams has tried.
 */
async function untouchedCustomCcp(s) {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const start = s.emulator.elapsed();
  const agent = await openAgentPage(s.context, CUSTOM_CCP_URL);
  await waitFor(() => frameReports(s.emulator, "signed-in", start).length > 0, { what: "the custom CCP's frame to come up signed in" });
  return agent;
}

scenarioTest("29a Streams' own login popup: one sign-in per expiry, its window closed, the agent back", {
  emulator: streamsWithPopup,
  config: productConfig({ profiles: [profile()], mode: "tab" }),
  browserPolicy: popupsAllowed,
  popupBlocking: true,
}, async (s) => {
  const agent = await untouchedCustomCcp(s);
  const since = expireNow(s.emulator);
  const [attempt] = await waitForStreamsPopup(s.emulator, since);
  assert.equal(attempt.opened, true, "Chromium gave Streams its window (the policy allows it), so the product had one to deal with");
  await waitFor(() => frameReports(s.emulator, "signed-in", since).length > 0, { what: "the CCP frame to be signed in again" });
  await waitForOnly(s.context, [agent], { timeoutMs: 10_000 });
  await waitForAgentBack(s.context, [agent]);
  // Past Streams' delay and the window's whole life: still one sign-in.
  assertNoLoginBefore(s.emulator, since);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal((await agent.frameLocator("#ccp").locator("#ccp-ready").innerText()), "CCP ready");
  const log = (await s.worker.evaluate(() => globalThis.ccpRelogin.log())).map((e) => e.text);
  assert.ok(log.some((t) => /closed the login window the custom CCP opened/.test(t)), "the worker says why the window went");
  assert.equal((await auditEvents(s.stateDir, "session")).filter((e) => e.kind === "restored").length, 1);
});

scenarioTest("29b without ccp-relogin, Streams' window opens, signs in on its own and stays open", {
  ...withoutTheProduct,
  browserPolicy: popupsAllowed,
}, async (s) => {
  await untouchedCustomCcp(s);
  const since = expireNow(s.emulator);
  const [attempt] = await waitForStreamsPopup(s.emulator, since);
  assert.equal(attempt.opened, true);
  await waitFor(() => launches(s.emulator, since).length === 1, { timeoutMs: 10_000, what: "Streams' window to reach the Entra launcher" });
  await waitFor(() => webPages(s.context).length === 2, { timeoutMs: 5000, what: "Streams' window to be open beside the custom CCP" });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.equal(webPages(s.context).length, 2, "nobody closes it (loginPopupAutoClose is off)");
});

scenarioTest("29c without PopupsAllowedForUrls, Chromium's popup blocker stops Streams' window", withoutTheProduct, async (s) => {
  const agent = await untouchedCustomCcp(s);
  const since = expireNow(s.emulator);
  const [attempt] = await waitForStreamsPopup(s.emulator, since);
  assert.equal(attempt.opened, false, "window.open from a timer, without the agent's gesture, is blocked");
  assert.equal(launches(s.emulator, since).length, 0);
  assert.deepEqual(webPages(s.context), [agent]);
});
