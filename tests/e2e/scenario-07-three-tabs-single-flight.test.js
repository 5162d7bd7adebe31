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

scenarioTest(NAME, {
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
