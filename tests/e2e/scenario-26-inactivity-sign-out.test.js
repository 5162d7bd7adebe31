// Scenario 26: an inactivity sign-out under each relogin.afterInactivity.
// Connect (the emulator) ends the session minutes before its cap, as its
// inactivity timeout does. The product signed the agent in itself, so it
// knows the session is young: the end is an inactivity sign-out.
//  a) ask: nothing signs in; the popup says why and offers "Sign in again";
//     the agent clicks it and is back.
//  b) always: signed in again at once, the decision audited.
//  c) on-return, in a headed Chromium on a real X display (chrome.idle is
//     the system's input, which headless Chromium has not): the agent has
//     been idle for a minute when the session ends; nothing signs in until
//     the agent moves the mouse (xdotool), then the agent is back.
//  d) the pre-emptive refresh on the same display: it falls due while the
//     agent has been away for a minute and waits (a new session would undo
//     Connect's inactivity timeout); once the agent moves the mouse it runs.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { openPopup } from "./harness/extension.js";
import { auditEvents } from "./harness/browser-cookies.js";
import { expireNow, launches, signInsStarted, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { ccpStatus } from "./harness/agent.js";
import { startXDisplay, xDisplayUnavailable } from "./harness/x-display.js";

const POST_LOGIN_SECONDS = 5;

function configWith(afterInactivity) {
  const base = productConfig({ profiles: [profile()], mode: "tab", guard: { postLoginSeconds: POST_LOGIN_SECONDS } });
  return { ...base, relogin: { ...base.relogin, afterInactivity } };
}

// Signed in by the product, then the session ends for inactivity well after
// guard.postLoginSeconds (an end sooner is the loop rule's, never inactivity).
async function signedInThenInactive(s, { idleFirst = async () => {} } = {}) {
  const agent = await startOnCustomCcp(s);
  expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  const signedInAt = s.emulator.elapsed();
  await waitFor(() => s.emulator.elapsed() > signedInAt + (POST_LOGIN_SECONDS + 1) * 1000, {
    timeoutMs: 20_000, intervalMs: 250, what: "guard.postLoginSeconds to pass",
  });
  await idleFirst();
  const endedAt = expireNow(s.emulator);
  return { agent, endedAt };
}

const respected = async (s) =>
  (await auditEvents(s.stateDir, "session")).filter((e) => e.kind === "sign-out-respected").map((e) => e.request.outcome);

scenarioTest("26a afterInactivity ask: no re-login until the agent clicks Sign in again", {
  config: configWith("ask"),
  timeoutMs: 90_000,
}, async (s) => {
  const { agent, endedAt } = await signedInThenInactive(s);
  await waitFor(async () => (await respected(s)).includes("ask"), { timeoutMs: 20_000, what: "the inactivity sign-out to be audited" });
  const popup = await openPopup(s.context);
  await waitFor(async () => /Signed out for inactivity/.test(await popup.locator("body").innerText()), {
    timeoutMs: 10_000, what: "the popup to say the agent was signed out for inactivity",
  });
  assert.equal(launches(s.emulator, endedAt).length, 0, "nothing signed in by itself");
  await popup.locator("#sign-in-again").click();
  await popup.close();
  await waitForAgentBack(s.context, [agent], { timeoutMs: 30_000, minSignedInCount: 3 });
  assert.equal(await signInsStarted(s, endedAt), 1, "one sign-in (a stalled tab's audited re-navigation is the same one)");
});

scenarioTest("26b afterInactivity always: signed in again at once, the decision audited", {
  config: configWith("always"),
  timeoutMs: 90_000,
}, async (s) => {
  const { agent, endedAt } = await signedInThenInactive(s);
  await waitForAgentBack(s.context, [agent], { timeoutMs: 30_000, minSignedInCount: 3 });
  assert.equal(await signInsStarted(s, endedAt), 1, "one sign-in (a stalled tab's audited re-navigation is the same one)");
  assert.deepEqual(await respected(s), ["relogin"]);
  // Both re-logins restored the CCP; the audit says how long the agent was stuck.
  const restored = (await auditEvents(s.stateDir, "session")).filter((e) => e.kind === "restored");
  assert.equal(restored.length, 2);
  for (const r of restored) assert.ok(r.request.stuckMs > 0 && r.request.signInMs > 0 && r.request.stuckMs >= r.request.signInMs, JSON.stringify(r.request));
});

const NO_X = await xDisplayUnavailable();
const x = NO_X ? null : await startXDisplay();
if (x) process.env.DISPLAY = x.display;

scenarioTest("26c afterInactivity on-return: an idle agent is signed in again once back at the mouse", {
  skip: NO_X,
  config: configWith("on-return"),
  headed: true,
  beforeStart: () => x.check(),
  timeoutMs: 150_000,
}, async (s) => {
  const agentIdle = () => s.worker.evaluate(() => new Promise((resolve) => chrome.idle.queryState(60, resolve)));
  await x.move(); // the display may have been idle since the file started: the agent is at the desk now
  const { agent, endedAt } = await signedInThenInactive(s, {
    // Nobody has touched the X display since it started: a minute on, chrome.idle says idle.
    idleFirst: () => waitFor(async () => (await agentIdle()) === "idle", { timeoutMs: 75_000, intervalMs: 1000, what: "chrome.idle to say idle" }),
  });
  await waitFor(async () => (await respected(s)).includes("wait-for-agent"), { timeoutMs: 20_000, what: "the inactivity sign-out to be audited" });
  assert.equal(launches(s.emulator, endedAt).length, 0, "nothing signs in while the agent is away");
  await x.move();
  await waitForAgentBack(s.context, [agent], { timeoutMs: 30_000, minSignedInCount: 3 });
  // One sign-in; a stalled sign-in tab navigated again (tests/e2e/README.md,
  // "A sign-in tab that stalls") reaches the launcher once more, and is audited.
  assert.equal(await signInsStarted(s, endedAt), 1, "one sign-in since the expiry (stalled tabs' audited re-navigations are the same one)");
  assert.equal((await auditEvents(s.stateDir, "expired")).filter((e) => e.decision === "relogin").length, 2, "two sign-ins in all");
  assert.deepEqual(await respected(s), ["wait-for-agent", "relogin"]);
});

// The refresh falls due 70 s after the product's sign-in: by then the display
// has had no input for over a minute, so chrome.idle says idle.
const AWAY_REFRESH_AFTER_S = 70;
scenarioTest("26d the pre-emptive refresh waits while the agent is away, and runs once they are back", {
  skip: NO_X,
  emulator: { session: { lifetimeMs: 300_000 } },
  config: {
    ...configWith("on-return"),
    session: { maxSeconds: 900, refreshBeforeSeconds: 900 - AWAY_REFRESH_AFTER_S, refreshJitterSeconds: 0 },
  },
  headed: true,
  beforeStart: () => x.check(),
  timeoutMs: 180_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  await x.move();
  expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  const signedInAt = s.emulator.elapsed();
  const refreshes = async () => (await auditEvents(s.stateDir, "session")).filter((e) => e.kind === "refresh").map((e) => e.request.outcome);
  await waitFor(async () => (await refreshes()).includes("deferred"), {
    timeoutMs: (AWAY_REFRESH_AFTER_S + 20) * 1000, intervalMs: 1000, what: "the due refresh to wait for the away agent",
  });
  const deferred = (await auditEvents(s.stateDir, "session")).find((e) => e.kind === "refresh" && e.request.outcome === "deferred");
  assert.equal(deferred.request.reason, "the agent is away");
  assert.equal(launches(s.emulator, signedInAt).length, 0, "no sign-in while the agent is away");
  await x.move();
  await waitFor(async () => (await refreshes()).includes("landed"), {
    timeoutMs: 60_000, intervalMs: 1000, what: "the refresh to run once the agent is back (asked again every 30 s)",
  });
  assert.deepEqual((await refreshes()).slice(0, 3), ["deferred", "started", "landed"]);
  assert.equal(await signInsStarted(s, signedInAt), 1, "one background sign-in (stalled tabs' audited re-navigations are the same one)");
  assert.deepEqual(await ccpStatus(agent), { state: "signed-in", signedInCount: 2 }, "nothing reloaded");
});
