// Scenario 12: mode "window": the sign-in runs in a small separate window
// (opened by the extension, not window.open), which closes once the agent
// is back on the custom CCP. Entra answers slowly here so the window is
// observable while it is open.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { extensionWindows } from "./harness/extension.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "12 window mode";

scenarioTest(NAME, {
  emulator: { idp: { latencyMs: 1500 } },
  config: productConfig({ profiles: [profile()], mode: "window" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const [agentWindow] = await extensionWindows(s.worker);
  const since = expireNow(s.emulator);

  const helperWindow = await waitFor(async () => {
    const windows = await extensionWindows(s.worker);
    return windows.find((w) => w.id !== agentWindow.id);
  }, { timeoutMs: 30_000, what: "a second browser window for the sign-in" });
  assert.ok(helperWindow.width < agentWindow.width || helperWindow.type === "popup",
    `the helper window is small or a popup window (type ${helperWindow.type}, ${helperWindow.width}×${helperWindow.height})`);

  await waitForAgentBack(s.context, [agent]);
  const windows = await extensionWindows(s.worker);
  assert.deepEqual(windows.map((w) => w.id), [agentWindow.id], "the helper window is closed");
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
