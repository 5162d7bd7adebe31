// Scenario 16: the session probe (the worker's "am I signed in?" request that
// confirms an expiry text before acting on it) follows `detection.probe` in
// the configuration, because Connect's real authorize endpoint and its answers
// are not documented.
//  a. The instance answers at /auth/session, signed out with 440. Configured
//     for exactly that, the text hint is confirmed → one login, agent back;
//     the probe never asked /auth/authorize.
//  b. Same instance, but 440 is not configured as signed out and unknown
//     answers are to be ignored → the text hint is not acted on: no login.
//  c. An endpoint that answers 200 even when signed out would contradict every
//     hint; with the probe disabled the text hint is acted on → one login.
// The custom CCP carries no Streams snippet here: its auth-fail would start
// the login without any probe, and hide what these scenarios test.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { waitForCcpState } from "./harness/agent.js";
import {
  assertOneSignIn, expireNow, launches, startOnCustomCcp, waitForAgentBack,
} from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const ACME_HOST = `${INSTANCES.acme.alias}.${INSTANCES.acme.domain}`;
/** The instance's authorize endpoint moved to /auth/session, answering 440 when signed out. */
const SESSION_ENDPOINT_440 = { path: "/auth/session", signedInStatus: 200, signedOutStatus: 440 };

const probeRequests = (emulator, path) => emulator.requests({ host: ACME_HOST, path });
const workerLog = async (worker) => (await worker.evaluate(() => globalThis.ccpRelogin.log())).map((e) => e.text);

/** Waits until a worker log line matches `pattern`; returns the whole log. */
async function waitForWorkerLog(worker, pattern, what) {
  let log = [];
  await waitFor(async () => {
    log = await workerLog(worker);
    return log.some((line) => pattern.test(line));
  }, { timeoutMs: 20_000, what: () => `${what} (worker log: ${JSON.stringify(log.slice(-12))})` });
  return log;
}

const NAME_A = "16a probe at a configured path with a configured signed-out status → expiry confirmed, one login";

scenarioTest(NAME_A, {
  emulator: { authorize: SESSION_ENDPOINT_440, customCcp: { streamsBridge: false }, expiry: { style: "text" } },
  config: productConfig({
    profiles: [profile()],
    detection: { probe: { path: "/auth/session", signedOutStatus: [440], onUnknown: "ignore" } },
  }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);

  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal(agent.url(), CUSTOM_CCP_URL);
  const log = await workerLog(s.worker);
  assert.ok(log.some((l) => /session probe https:\/\/acme\.my\.connect\.aws\/auth\/session: HTTP 440 → signed-out/.test(l)),
    `the probe read 440 as signed out (worker log: ${JSON.stringify(log)})`);
  assert.ok(probeRequests(s.emulator, "/auth/session").length >= 1, "the probe asked the configured path");
  assert.equal(probeRequests(s.emulator, "/auth/authorize").length, 0, "the default path was never asked");

  await reportTimings(NAME_A, measureRelogin(s.emulator, since));
});

scenarioTest("16b the probe answers a status it does not know, and unknown means ignore → the expiry text is not acted on", {
  emulator: { authorize: SESSION_ENDPOINT_440, customCcp: { streamsBridge: false }, expiry: { style: "text" } },
  config: productConfig({
    profiles: [profile()],
    detection: { probe: { path: "/auth/session", onUnknown: "ignore" } },
  }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  expireNow(s.emulator);
  await waitForCcpState(agent, "signed-out", { what: "the CCP frame to show the expiry text" });

  // The worker's own account of the hint: probed, unknown, ignored.
  const log = await waitForWorkerLog(s.worker, /seen in tab \d+, but the session probe says unknown: ignored/,
    "the worker to report that it ignored the hint");
  assert.ok(log.some((l) => /session probe https:\/\/acme\.my\.connect\.aws\/auth\/session: HTTP 440 → unknown/.test(l)),
    `the probe asked the configured path and could not tell (worker log: ${JSON.stringify(log)})`);
  await s.worker.evaluate(() => globalThis.ccpRelogin.settled());

  assert.equal(launches(s.emulator).length, 0, "no sign-in was launched at any time");
  const phases = await s.worker.evaluate(() => Object.values(globalThis.ccpRelogin.state().flows).map((f) => f.phase));
  assert.ok(phases.every((p) => p === "idle"), `no flow runs (phases: ${JSON.stringify(phases)})`);
  assert.equal(probeRequests(s.emulator, "/auth/authorize").length, 0, "the default path was never asked");
  assert.equal((await waitForCcpState(agent, "signed-out")).signedInCount, 1, "the CCP frame was left as it was");
});

const NAME_C = "16c probe disabled, endpoint that says 200 even when signed out → the text alone is acted on, one login";

scenarioTest(NAME_C, {
  emulator: { authorize: { signedOutStatus: 200 }, customCcp: { streamsBridge: false }, expiry: { style: "text" } },
  config: productConfig({ profiles: [profile()], detection: { probe: { enabled: false } } }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);

  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal(probeRequests(s.emulator, "/auth/authorize").length, 0,
    "no probe at all: the endpoint that would have said \"signed in\" was never asked");
  const log = await workerLog(s.worker);
  assert.ok(log.some((l) => /expiry detected \(text: /.test(l)), `the text hint started the flow (worker log: ${JSON.stringify(log)})`);

  await reportTimings(NAME_C, measureRelogin(s.emulator, since));
});
