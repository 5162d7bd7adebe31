// Scenario 18: Chrome stops the extension's service worker in the middle of a
// sign-in (MV3 workers are stopped whenever Chrome likes: idle, memory, an
// update). Entra is interactive, so the flow waits in `signing-in` on Entra's
// page; the worker is stopped there, with its native port. The agent clicks
// "Sign in": the navigations wake the worker, which picks the flow up from
// chrome.storage.session and finishes it — the agent is back, the helper tab
// is closed, and there was exactly one login.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { entraSignInPage } from "./harness/entra-page.js";
import { assertOneSignIn, expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { watchExtensionWorker } from "./harness/service-worker-control.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const PROFILE = "agents-us";

/** The flow's phase as the worker holds it (only while the worker runs: evaluating in a stopped worker hangs). */
const flowPhase = (worker) => worker.evaluate((key) => globalThis.ccpRelogin.state().flows[key]?.phase ?? null, PROFILE);

scenarioTest("18 the service worker is stopped mid sign-in → woken by the sign-in's navigations, it finishes the flow", {
  emulator: { idp: { mode: "interactive" } },
  config: productConfig({ profiles: [profile({ name: PROFILE })], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const serviceWorker = await watchExtensionWorker(s.context, agent);
  const since = expireNow(s.emulator);

  const entraPage = await entraSignInPage(s.context);
  await waitFor(async () => (await flowPhase(s.worker)) === "signing-in", { what: "the flow to be signing-in" });

  // A mark on the worker's global scope: a restarted worker is a fresh scope without it.
  await s.worker.evaluate(() => { globalThis.e2eBeforeStop = true; });
  await serviceWorker.stop();
  assert.equal(serviceWorker.status(), "stopped", "the worker is stopped while Entra waits for the agent");

  await entraPage.clickSignIn();
  await entraPage.close();
  await waitForAgentBack(s.context, [agent]);

  assert.deepEqual(serviceWorker.history().slice(0, 3), ["running", "stopping", "stopped"]);
  assert.equal(serviceWorker.status(), "running", `the worker runs again (statuses: ${serviceWorker.history().join(" → ")})`);
  assert.equal(await s.worker.evaluate(() => globalThis.e2eBeforeStop ?? false), false, "it is a new worker instance, not the old one");
  assert.equal(await flowPhase(s.worker), "idle", "the flow finished");
  // The debug log survives the restart (storage.session): the new worker opened its own native port.
  const log = (await s.worker.evaluate(() => globalThis.ccpRelogin.log())).map((e) => e.text);
  assert.ok(log.filter((t) => t === "connecting to com.ccp_relogin.host").length >= 2,
    `the restarted worker connected to the host again (worker log: ${JSON.stringify(log)})`);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  // The sign-in page once (once more for each audited re-navigation of a stalled tab), then the post.
  const entra = s.emulator.requests((r) => r.host === "login.microsoftonline.com" && r.time >= since);
  const stalls = launches(s.emulator, since).length - 1;
  assert.deepEqual(entra.map((r) => `${r.method} ${r.outcome}`), [...Array(1 + stalls).fill("GET sign-in-page"), "POST saml-posted"]);
  await serviceWorker.detach();
});
