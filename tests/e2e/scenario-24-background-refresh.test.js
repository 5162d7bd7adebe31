// Scenario 24: a session with a short cap is refreshed in the background.
// Connect (the emulator) ends every session 40 s after it began; the product
// is told sessions last 900 s and to refresh 885 s before the end, so it
// refreshes 15 s after its own sign-in. The agent works in a CRM tab
// meanwhile. Expected: one background sign-in, no tab ever activated, the
// CCP frame never reloaded and still signed in after the first session's
// cap has passed (it works on the new session's cookie), no expiry shown,
// and the refresh in the audit trail.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { activeTabs, recordTabActivations } from "./harness/extension.js";
import { ccpStatus } from "./harness/agent.js";
import { auditEvents } from "./harness/browser-cookies.js";
import { expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";

const CAP_MS = 40_000;
// The refresh is a sign-in like any other for the host's guard, also for its
// loop rule (an expiry within guard.postLoginSeconds of a landing): 15 s must be past it.
const config = {
  ...productConfig({ profiles: [profile()], mode: "tab", guard: { postLoginSeconds: 5 } }),
  session: { maxSeconds: 900, refreshBeforeSeconds: 885, refreshJitterSeconds: 0 },
};

scenarioTest("24 a short session is refreshed in the background: no expiry, no focus taken, nothing reloaded", {
  emulator: { session: { lifetimeMs: CAP_MS } },
  config,
  timeoutMs: 120_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  // The product learns when a session starts from its own sign-ins: the first one follows an expiry.
  expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  const signedInAt = s.emulator.elapsed();
  const stallsBefore = (await auditEvents(s.stateDir, "sign-in-stalled")).length;
  const crm = await s.context.newPage();
  await crm.goto("https://crm.example.com/case/4711");
  await crm.bringToFront();
  const [front] = await activeTabs(s.worker);
  const activations = await recordTabActivations(s.worker);

  await waitFor(() => launches(s.emulator, signedInAt).length === 1, {
    timeoutMs: 30_000, what: "the background refresh to start a sign-in",
  });
  await waitFor(async () => (await auditEvents(s.stateDir, "session")).some((e) => e.kind === "refresh" && e.request.outcome === "landed"), {
    timeoutMs: 30_000, what: "the refresh to land (audit: session refresh landed)",
  });
  // Past the first session's cap: the frame lives on the refreshed session.
  await waitFor(() => s.emulator.elapsed() > signedInAt + CAP_MS + 3_000, { timeoutMs: CAP_MS + 10_000, intervalMs: 500, what: "the first session's cap to pass" });

  const status = await ccpStatus(agent);
  assert.deepEqual(status, { state: "signed-in", signedInCount: 2 }, "the CCP frame was never reloaded and is signed in");
  assert.deepEqual(await activations(), [], "no tab was activated");
  assert.deepEqual(await activeTabs(s.worker), [front], "the CRM is still in front");
  // Each refreshed session is refreshed again 15 s on: every sign-in since was a refresh, none an expiry.
  const expiries = (await auditEvents(s.stateDir, "expired")).map((e) => e.request.evidence);
  assert.ok(expiries.length >= 2, "the first expiry, then at least one refresh");
  for (const evidence of expiries.slice(1)) assert.match(evidence, /^refresh: the session ends in 15 min$/);
  // A stalled sign-in tab navigated again reaches the launcher once more, audited (tests/e2e/README.md).
  const stalls = (await auditEvents(s.stateDir, "sign-in-stalled")).length - stallsBefore;
  assert.equal(launches(s.emulator, signedInAt).length, expiries.length - 1 + stalls, "one sign-in per refresh, nothing else");
  const refresh = (await auditEvents(s.stateDir, "session")).filter((e) => e.kind === "refresh").map((e) => e.request.outcome);
  assert.deepEqual(refresh.slice(0, 2), ["started", "landed"]);
  assert.ok(!refresh.includes("failed") && !refresh.includes("deferred"), refresh.join(", "));
});

scenarioTest("25 a refresh due during a live contact waits for the contact to end", {
  emulator: { session: { lifetimeMs: 120_000 } },
  config,
  timeoutMs: 90_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  const signedInAt = s.emulator.elapsed();
  await agent.evaluate(() => window.emulatedStreams.startContact("contact-1"));

  await waitFor(async () => (await auditEvents(s.stateDir, "session")).some((e) => e.kind === "refresh" && e.request.outcome === "deferred"), {
    timeoutMs: 30_000, what: "the refresh to be deferred (audit: session refresh deferred)",
  });
  assert.equal(launches(s.emulator, signedInAt).length, 0, "no sign-in while the contact is live");
  await agent.evaluate(() => window.emulatedStreams.endContact("contact-1"));
  await waitFor(() => launches(s.emulator, signedInAt).length === 1, { timeoutMs: 15_000, what: "the refresh once the contact ended" });
  await waitFor(async () => (await auditEvents(s.stateDir, "session")).some((e) => e.kind === "refresh" && e.request.outcome === "landed"), {
    timeoutMs: 30_000, what: "the refresh to land",
  });
  assert.deepEqual(await ccpStatus(agent), { state: "signed-in", signedInCount: 2 }, "nothing reloaded");
});
