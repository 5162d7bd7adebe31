// Scenario 27: the agent signs out of Connect on purpose. Nothing signs them
// in again until they sign in by hand.
//  a) The CCP's own "Log out" (a /logout page in its frame): not the login
//     page that follows, not the worker restarted by Chrome and woken by the
//     next page load (the sign-out is kept in storage.session with the
//     flow); the agent's own sign-in through the Entra app ends it, and the
//     next expiry is handled as always.
//  b) The custom CCP's own Log out, as Streams documents it for a custom UI:
//     the logout endpoint by fetch (which no navigation shows), then
//     TERMINATE; the bridge snippet passes Streams' TERMINATED on, and the
//     "Session expired" the frame then shows is left alone.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { auditEvents } from "./harness/browser-cookies.js";
import { CORRECT_SIGN_IN_URL } from "./harness/hand-built-urls.js";
import { assertOneSignIn, expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { watchExtensionWorker } from "./harness/service-worker-control.js";
import { waitFor } from "./harness/wait.js";
import { ccpStatus, waitForCcpState, webPages } from "./harness/agent.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const PROFILE = "agents-us";

/** How many page signals the worker left alone because the agent signed out (its debug log). */
const hintsLeftAlone = async (s) =>
  (await s.worker.evaluate(() => globalThis.ccpRelogin.log())).filter((e) => /hint ignored: signed out \(logout\)/.test(e.text)).length;

const phase = (s) => s.worker.evaluate((key) => globalThis.ccpRelogin.state().flows[key]?.phase ?? null, PROFILE);

scenarioTest("27a the agent's own logout stays signed out, across a worker restart, until they sign in by hand", {
  config: productConfig({ profiles: [profile({ name: PROFILE })], mode: "tab" }),
  timeoutMs: 90_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const serviceWorker = await watchExtensionWorker(s.context, agent);
  const loggedOutAt = s.emulator.elapsed();
  await agent.frameLocator("#ccp").locator("#ccp-logout").click();

  await waitFor(async () => (await auditEvents(s.stateDir, "session")).some((e) => e.kind === "sign-out-respected" && e.request.outcome === "agent-logout"), {
    timeoutMs: 15_000, what: "the agent's logout to be audited",
  });
  await waitFor(async () => (await hintsLeftAlone(s)) >= 1, { timeoutMs: 15_000, what: "the login page after the logout to be left alone" });
  assert.equal(await phase(s), "signed-out");
  assert.equal(launches(s.emulator, loggedOutAt).length, 0, "no sign-in after the agent's logout");

  // Chrome stops the worker; the agent reloads the custom CCP, whose frame now says "Session expired".
  await serviceWorker.stop();
  await agent.reload();
  await waitFor(async () => (await hintsLeftAlone(s)) >= 2, { timeoutMs: 20_000, what: "the restarted worker to leave the expiry alone too" });
  assert.equal(await phase(s), "signed-out", "the sign-out survived the worker's restart");
  assert.equal(launches(s.emulator, loggedOutAt).length, 0, "still no sign-in");

  // The agent signs in by hand: the Entra app from My Apps, in a tab of its own.
  const byHand = await s.context.newPage();
  await byHand.goto(CORRECT_SIGN_IN_URL);
  await byHand.waitForURL(/acme\.my\.connect\.aws\/ccp-v2/, { timeout: 15_000 });
  await waitFor(async () => (await phase(s)) === "idle", { timeoutMs: 10_000, what: "the agent's own sign-in to end the sign-out" });
  await byHand.close();
  await agent.reload();
  await waitForCcpState(agent, "signed-in", { what: "the custom CCP signed in again by the agent" });

  // From now on an expiry is an expiry.
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  await serviceWorker.detach();
});

scenarioTest("27b a custom CCP's own Log out (fetch, then TERMINATE) reaches the product through the bridge: no re-login", {
  config: productConfig({ profiles: [profile({ name: PROFILE })], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const loggedOutAt = s.emulator.elapsed();
  await agent.evaluate(() => window.emulatedStreams.logOut());
  await waitFor(async () => (await auditEvents(s.stateDir, "session")).some((e) => e.kind === "sign-out-respected" && e.request.outcome === "agent-logout"), {
    timeoutMs: 15_000, what: "the custom CCP's logout to be audited",
  });
  await waitForCcpState(agent, "signed-out", { what: "the CCP frame to show the session is gone" });
  await waitFor(async () => (await hintsLeftAlone(s)) >= 1, { timeoutMs: 15_000, what: "the frame's expiry to be left alone" });
  assert.equal(await phase(s), "signed-out");
  assert.equal(s.emulator.requests((r) => /^\/connect\/federate\//.test(r.path) && r.time >= loggedOutAt).length, 0, "nobody was signed in again");
  assert.deepEqual(webPages(s.context), [agent], "no sign-in tab is left");
  assert.equal((await ccpStatus(agent)).state, "signed-out");
});
