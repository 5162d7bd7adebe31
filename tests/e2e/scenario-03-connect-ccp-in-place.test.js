// Scenario 3: the agent has the Connect CCP itself open (no custom CCP);
// mode "in-place": the same tab goes through the sign-in and ends on the
// custom CCP (the profile's returnTo), signed in. No tab is ever added.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState, webPages } from "./harness/agent.js";
import { assertOneSignIn, expireNow } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./emulator/default-world.js";

const NAME = "03 Connect CCP opened directly, mode in-place → back on the custom CCP";

scenarioTest(NAME, {
  config: productConfig({ profiles: [profile()], mode: "in-place" }),
}, async (s) => {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const tab = await openAgentPage(s.context, ccpUrl(INSTANCES.acme));
  await tab.locator("#ccp-ready").waitFor();
  let tabsOpened = 0;
  s.context.on("page", (p) => { if (!p.url().startsWith("chrome-extension://")) tabsOpened++; });

  const since = expireNow(s.emulator);
  await waitFor(() => tab.url() === CUSTOM_CCP_URL, {
    timeoutMs: 30_000, what: () => `the agent's tab to end on ${CUSTOM_CCP_URL} (it is on ${tab.url()})`,
  });
  await waitForCcpState(tab, "signed-in");

  const launch = await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal(launch.fetchDest, "document");
  assert.equal(tabsOpened, 0, "in-place mode opens no tab");
  assert.deepEqual(webPages(s.context), [tab]);

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
