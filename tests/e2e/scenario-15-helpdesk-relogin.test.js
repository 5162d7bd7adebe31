// Scenario 15: the helpdesk, on the agent's machine.
//  a. The role lacked a permission, so the product stopped after one loop
//     (scenario 08). An administrator fixes the role; the helpdesk runs
//     `ccp-relogin relogin --profile agents-us`: the running host pushes
//     force-relogin, the stop is lifted, one login brings the agent back.
//  b. `ccp-relogin status --json` shows the running host with its profile and
//     loop-protection state; an unknown profile is refused with the known ones.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { HOST_BINARY } from "./harness/paths.js";
import { EXTENSION_ID } from "./harness/browser.js";
import { assertOneSignIn, expireNow, launches, signInsStarted, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { waitForOnly } from "./harness/agent.js";
import { popupText } from "./harness/extension.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const execFileAsync = promisify(execFile);

/** The profile's flow phase as the worker holds it. */
const flowPhase = (worker) => worker.evaluate(() => globalThis.ccpRelogin.state().flows["agents-us"]?.phase ?? null);

/** Runs the CLI as the helpdesk would on the agent's machine (same user, same state dir). */
async function cli(s, args) {
  try {
    const { stdout, stderr } = await execFileAsync(HOST_BINARY, args, { env: { ...process.env, ...s.productEnv }, timeout: 15_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== "number") throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

scenarioTest("15a a stop after a loop, the role fixed, the helpdesk's `relogin` → one login, agent back", {
  emulator: { failures: { roleWithoutPermission: true } },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  // The stop is awaited in the worker, and the popup read once afterwards:
  // popup tabs opened and closed while the extension opens its sign-in tab
  // can leave that tab paused under Playwright's auto-attach.
  await waitFor(() => flowPhase(s.worker).then((phase) => phase === "stopped"), {
    timeoutMs: 30_000, what: "the extension to stop after the loop",
  });
  await waitForOnly(s.context, [agent]);
  assert.match(await popupText(s.context), /GetFederationToken/, "the popup names the missing permission");
  assert.equal(await signInsStarted(s, since), 1, "stopped after the first loop");

  s.emulator.setScenario({ failures: { roleWithoutPermission: false } }); // the administrator fixes the role
  const fixedAt = s.emulator.elapsed();
  const relogin = await cli(s, ["relogin", "--profile", "agents-us", "--reason", "ticket 4711"]);
  assert.equal(relogin.code, 0, relogin.stderr);
  assert.match(relogin.stdout, /pushed agents-us/);

  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since: fixedAt, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
});

scenarioTest("15b `status --json` shows the running host; an unknown profile is refused", {
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const status = await waitFor(async () => {
    const r = await cli(s, ["status", "--json"]);
    return r.code === 0 && JSON.parse(r.stdout);
  }, { timeoutMs: 10_000, what: "`ccp-relogin status --json` to find the running host" });
  assert.equal(status.length, 1, "one browser, one host");
  assert.equal(status[0].extensionId, EXTENSION_ID);
  assert.deepEqual(status[0].profiles.map((p) => p.name), ["agents-us"]);
  assert.equal(status[0].profiles[0].guard.stopped, null, "not stopped");
  assert.equal(status[0].profiles[0].guard.inFlight, null, "nothing in flight");

  const unknown = await cli(s, ["relogin", "--profile", "nobody"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr + unknown.stdout, /agents-us/, "names the profiles it has");
  assert.equal(launches(s.emulator, 0).length, 0, "nothing was started");
});
