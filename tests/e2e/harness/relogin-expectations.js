// What a correct re-login looks like from the emulated services' side, and
// the steps every scenario shares (start signed in, end the session, wait for
// the agent to be back). Expected relay states are computed here from the
// documented format (docs/facts.md, "Relay state"), independently of the product's code.
import assert from "node:assert/strict";
import { openAgentPage, signInAgent, waitForCcpState, waitForOnly } from "./agent.js";
import { popupText } from "./extension.js";
import { auditEvents } from "./browser-cookies.js";
import { waitFor } from "./wait.js";
import { CUSTOM_CCP_URL } from "./product-config.js";
import { INSTANCES } from "../emulator/default-world.js";

const LAUNCH_HOSTS = new Set(["launcher.myapps.microsoft.com", "myapps.microsoft.com"]);

/** The documented relay state for an instance and an unencoded destination. */
export function expectedRelayState(instance, destination) {
  const host = instance.partition === "aws-us-gov" ? "console.amazonaws-us-gov.com" : `${instance.region}.console.aws.amazon.com`;
  const newDomain = instance.domain === "my.connect.aws" ? "&new_domain=true" : "";
  return `https://${host}/connect/federate/${instance.id}?destination=${encodeURIComponent(destination)}${newDomain}`;
}

/** Launches of an Entra app (either launcher) since emulator time `since`. */
export function launches(emulator, since = 0) {
  return emulator.requests((r) => LAUNCH_HOSTS.has(r.host) && r.time >= since);
}

/**
 * Asserts that the services saw exactly one complete sign-in since `since`:
 * one app launch with the right app, tenant and relay state (decoded exactly
 * once by the launcher), one SAML post, one federate that signed in, one
 * session hand-off. Returns the launch. `renavigations`: how many times the
 * product navigated its stalled sign-in tab again (assertOneSignIn), each
 * a launch of that same sign-in, identical to the first.
 */
export function assertOneLogin(emulator, { since, app, instance, destination, exactRelayState = null, renavigations = 0 }) {
  const launched = launches(emulator, since);
  const again = renavigations > 0 ? ` (${renavigations} of them the stalled sign-in tab navigated again)` : "";
  assert.equal(launched.length, 1 + renavigations, `expected exactly ${1 + renavigations} Entra launch${again}, saw ${launched.length}`);
  const [launch] = launched;
  for (const other of launched.slice(1)) {
    assert.equal(`${other.host}${other.path}?${other.query}`, `${launch.host}${launch.path}?${launch.query}`, "a sign-in navigated again goes where it went first");
  }
  const appPath = launch.host === "myapps.microsoft.com" ? `/signin/${app.appId}` : `/api/signin/${app.appId}`;
  assert.equal(launch.path, appPath, "the profile's Entra app was launched");
  assert.equal(launch.params.tenantId, app.tenantId, "with the profile's tenant");
  assertRelayState(launch.params.RelayState, instance, destination);
  if (exactRelayState) assert.equal(launch.params.RelayState, exactRelayState);

  const since_ = (r) => r.time >= since;
  const acs = emulator.requests((r) => r.path === "/saml" && since_(r));
  assert.equal(acs.length, 1, "one SAML post to AWS");
  assert.equal(acs[0].outcome, "to-relay-state");
  const federate = emulator.requests((r) => /^\/connect\/federate\//.test(r.path) && since_(r));
  assert.deepEqual(federate.map((r) => r.outcome), ["signed-in"], "one federate, which signed in");
  assert.equal(emulator.requests((r) => r.path.endsWith("/auth/emulator-session") && since_(r)).length, 1);
  return launch;
}

/**
 * assertOneLogin for a scenario's test bed. Under Playwright a sign-in tab's
 * renderer now and then dies as it starts (the harness's race, proven in
 * tests/e2e/README.md, "A sign-in tab that stalls"); the product then
 * navigates the tab again and the host audits `sign-in-stalled`. Such a
 * launch is the same sign-in once more, not a second one: it counts only
 * when the host audited it, at or after `since`.
 */
export async function assertOneSignIn(s, { since, ...expected }) {
  return assertOneLogin(s.emulator, { since, ...expected, renavigations: await stallsSince(s, since) });
}

/** The stalled sign-in tabs the host audited as navigated again since emulator time `since`. */
async function stallsSince(s, since) {
  const sinceWallMs = Date.now() - s.emulator.elapsed() + since;
  return (await auditEvents(s.stateDir, "sign-in-stalled")).filter((e) => Date.parse(e.ts) >= sinceWallMs - 1).length;
}

/**
 * Sign-ins the product started since `since`: the launches the emulator saw,
 * less those that were a stalled tab navigated again (assertOneSignIn).
 */
export async function signInsStarted(s, since = 0) {
  return launches(s.emulator, since).length - await stallsSince(s, since);
}

/** The relay state the launcher received (decoded once) means `instance` + `destination`, nothing else. */
export function assertRelayState(relayState, instance, destination) {
  assert.ok(relayState, "the launch carries a RelayState");
  const got = new URL(relayState);
  const want = new URL(expectedRelayState(instance, destination));
  assert.equal(got.origin + got.pathname, want.origin + want.pathname, "relay state points at the instance's federate endpoint");
  assert.deepEqual(Object.fromEntries(got.searchParams), Object.fromEntries(want.searchParams), "relay state query");
}

/** The agent's starting point: a live Connect session and the custom CCP signed in. */
export async function startOnCustomCcp({ context, emulator }, { instance = INSTANCES.acme, url = CUSTOM_CCP_URL } = {}) {
  await signInAgent(context, emulator, instance);
  const agent = await openAgentPage(context, url);
  await waitForCcpState(agent, "signed-in", { what: `${url} to come up signed in before the test ends the session` });
  return agent;
}

/** Ends every Connect session now; returns the emulator time just before, for `since` filters. */
export function expireNow(emulator) {
  const since = emulator.elapsed();
  emulator.expireSessions();
  return since;
}

/**
 * Waits for each custom CCP in `agentPages` to have its frame signed in again
 * (reloaded), and for every helper tab to be gone: only `agentPages` and
 * `otherPages` (tabs the agent had open anyway) remain. `minSignedInCount`:
 * how many times the frame must have come up signed in (2: once reloaded).
 */
export async function waitForAgentBack(context, agentPages, { timeoutMs = 30_000, otherPages = [], minSignedInCount = 2 } = {}) {
  for (const page of agentPages) {
    await waitForCcpState(page, "signed-in", {
      minSignedInCount, timeoutMs,
      what: `the custom CCP at ${page.url()} to have its frame reloaded and signed in again`,
    });
  }
  await waitForOnly(context, [...agentPages, ...otherPages]);
}

/** Waits until the popup's text matches `pattern` (it is reopened, in case it only renders on open). */
export async function waitForPopup(context, pattern, { timeoutMs = 30_000 } = {}) {
  let last = "";
  await waitFor(async () => {
    last = await popupText(context);
    return pattern.test(last);
  }, { timeoutMs, intervalMs: 500, what: () => `the extension popup to show ${pattern} (it shows: ${JSON.stringify(last.slice(0, 400))})` });
  return last;
}

/** Asserts no launch happened before `since` (nothing triggered a login while the agent was signed in). */
export function assertNoLoginBefore(emulator, since) {
  const early = emulator.requests((r) => LAUNCH_HOSTS.has(r.host) && r.time < since);
  assert.equal(early.length, 0, `a login started before the session ended: ${early.map((r) => r.path).join(", ")}`);
}
