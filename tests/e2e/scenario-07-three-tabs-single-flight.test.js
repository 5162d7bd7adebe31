// Scenario 7: three custom-CCP tabs expire at the same moment. The product
// signs in once (single-flight across tabs) and brings all three back.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { waitForCcpState } from "./harness/agent.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "07 three tabs expire at once → exactly one login";

// Each CCP frame learns of the ended session at its next heartbeat (every
// 250 ms). With an instant IdP the product signed in again before two of the
// three frames had asked (seen: their heartbeats 230 ms and 260 ms after the
// expiry, the new session 210 ms after it), so those tabs never expired and
// the test waited for nothing. Entra taking 600 ms, as a real one takes
// hundreds, lets every tab see the expiry first.
scenarioTest(NAME, {
  emulator: { idp: { latencyMs: 600 } },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const first = await startOnCustomCcp(s);
  const others = [];
  for (let i = 0; i < 2; i++) {
    const page = await s.context.newPage();
    await page.goto(CUSTOM_CCP_URL);
    await waitForCcpState(page, "signed-in");
    others.push(page);
  }
  const tabs = [first, ...others];

  const since = expireNow(s.emulator);
  for (const tab of tabs) await waitForCcpState(tab, "signed-out", { what: `${tab.url()} to show the expiry` });
  await waitForAgentBack(s.context, tabs);

  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  for (const tab of tabs) assert.equal(tab.url(), CUSTOM_CCP_URL);

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
