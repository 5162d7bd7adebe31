// Chromium and the emulator, without the extension or the host: proves the
// test bed reproduces production before any product code is involved. A
// hand-built sign-in URL (relay state encoded once more, docs/facts.md, "Relay state in the Entra URL") signs the
// custom CCP's frame in; a wrongly encoded one never reaches the CCP; with
// third-party cookies blocked the frame stays signed out after a good login.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { openAgentPage, waitForCcpState } from "./harness/agent.js";
import { waitFor } from "./harness/wait.js";
import { CUSTOM_CCP_URL } from "./harness/product-config.js";
import { INSTANCES, ccpUrl } from "./emulator/default-world.js";
import {
  CORRECT_SIGN_IN_URL, DESTINATION_OVER_ENCODED_SIGN_IN_URL, OVER_ENCODED_SIGN_IN_URL, UNDER_ENCODED_SIGN_IN_URL,
} from "./harness/hand-built-urls.js";

const CCP = ccpUrl(INSTANCES.acme);
const browserOnly = { needsHost: false, withExtension: false, timeoutMs: 30_000 };

/** Sets the custom CCP's iframe src again, as the extension's bridge does. */
/**
 * Reloads the custom CCP's Connect frame and waits for the new document's
 * own report of `state` (its beacon to the emulator, then the page). The
 * page shows the old frame's state until the new one posts, so waiting for a
 * state the old frame already showed proved nothing: seen, the check of the
 * new frame's request ran before the reload had made it.
 */
async function reloadCcpFrame(page, emulator, state, what) {
  const all = { includeInternal: true }; // the frame's state beacon is the emulator's own
  const lastSeq = Math.max(0, ...emulator.requests(() => true, all).map((r) => r.seq));
  await page.evaluate(() => {
    const frame = document.getElementById("ccp");
    frame.src = frame.src;
  });
  await waitFor(() => emulator.requests((r) => r.seq > lastSeq && r.path === "/emulator/ccp-state" &&
    r.params.embedded === "1" && r.params.state === state, all).length > 0, { what: what ?? `the reloaded frame to report ${state}` });
  await waitForCcpState(page, state, { what });
}

/** Opens `url` in a new tab and resolves when the tab has settled on `finalUrl`. */
async function signInTab(context, url, finalUrl) {
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.waitForURL(finalUrl, { timeout: 10_000 });
  await tab.waitForLoadState("load");
  return tab;
}

const signedInCcpRequests = (emulator) =>
  emulator.requests((r) => r.host === "acme.my.connect.aws" && r.path === "/auth/emulator-session");

scenarioTest("browser: a correctly encoded sign-in URL signs the custom CCP's frame in", browserOnly, async ({ emulator, context }) => {
  const agent = await openAgentPage(context, CUSTOM_CCP_URL);
  await waitForCcpState(agent, "signed-out");
  assert.match(await agent.frameLocator("#ccp").locator(".session-expired").innerText(), /Session expired/);

  const tab = await signInTab(context, CORRECT_SIGN_IN_URL, CCP);
  assert.equal(await tab.locator("#ccp-ready").innerText(), "CCP ready");
  await reloadCcpFrame(agent, emulator, "signed-in");

  assert.equal(signedInCcpRequests(emulator).length, 1);
  const [launch] = emulator.requests({ host: "launcher.myapps.microsoft.com" });
  assert.equal(launch.fetchDest, "document");
  const [acs] = emulator.requests({ path: "/saml" });
  assert.equal(acs.method, "POST");
  assert.equal(acs.outcome, "to-relay-state");

  // And the emulator's expiry reaches the frame: the CCP notices within its heartbeat.
  emulator.expireSessions();
  await waitForCcpState(agent, "signed-out");
  assert.match(await agent.frameLocator("#ccp").locator("[role=alertdialog]").innerText(), /Your session has expired/);
});

for (const [label, url, finalUrl, outcome] of [
  ["the relay state not encoded for the launcher", UNDER_ENCODED_SIGN_IN_URL, "https://acme.my.connect.aws/connect/ccp-v2", "wrong-page-missing-new-domain"],
  ["the relay state encoded twice", OVER_ENCODED_SIGN_IN_URL, "https://us-east-1.console.aws.amazon.com/console/home", null],
  ["the destination encoded twice", DESTINATION_OVER_ENCODED_SIGN_IN_URL, /\/connect\/federate\//, "invalid-destination"],
]) {
  scenarioTest(`browser: ${label} never reaches the CCP`, browserOnly, async ({ emulator, context }) => {
    const agent = await openAgentPage(context, CUSTOM_CCP_URL);
    await waitForCcpState(agent, "signed-out");
    const tab = await signInTab(context, url, finalUrl);
    assert.equal(await tab.locator("#ccp-ready").count(), 0);
    if (outcome) assert.equal(emulator.requests({ path: /^\/connect\/federate\// })[0].outcome, outcome);
    assert.equal(signedInCcpRequests(emulator).length, 0);
    await reloadCcpFrame(agent, emulator, "signed-out");
  });
}

scenarioTest("browser: with third-party cookies blocked a good login leaves the custom CCP's frame signed out",
  { ...browserOnly, thirdPartyCookies: "blocked" }, async ({ emulator, context }) => {
    const agent = await openAgentPage(context, CUSTOM_CCP_URL);
    await waitForCcpState(agent, "signed-out");
    const tab = await signInTab(context, CORRECT_SIGN_IN_URL, CCP);
    assert.equal(await tab.locator("#ccp-ready").innerText(), "CCP ready", "top-level, the session works");
    const framesBefore = emulator.requests({ host: "acme.my.connect.aws", path: "/ccp-v2", fetchDest: "iframe" }).length;
    await reloadCcpFrame(agent, emulator, "signed-out", "the reloaded frame to report signed-out (blocked cookies never reach it)");
    assert.equal(emulator.requests({ host: "acme.my.connect.aws", path: "/ccp-v2", fetchDest: "iframe" }).length, framesBefore + 1);
  });

scenarioTest("browser: expiry style redirect bounces the frame to a login page that refuses framing",
  { ...browserOnly, emulator: { expiry: { style: "redirect" } } }, async ({ emulator, context }) => {
    await context.addCookies([emulator.createSession(INSTANCES.acme)]);
    const agent = await openAgentPage(context, CUSTOM_CCP_URL);
    await waitForCcpState(agent, "signed-in");
    emulator.expireSessions();
    await waitForCcpState(agent, "signed-out");
    const [login] = await waitFor(() => {
      const seen = emulator.requests({ host: "acme.my.connect.aws", path: "/login", fetchDest: "iframe" });
      return seen.length > 0 && seen;
    }, { what: "the frame to be sent to /login" });
    assert.equal(login.status, 200);
    assert.equal(await agent.frameLocator("#ccp").locator("form").count(), 0, "the login page is not rendered inside the frame");
  });
