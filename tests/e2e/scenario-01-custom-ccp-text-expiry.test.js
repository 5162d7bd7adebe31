// Scenario 1, the main one: the agent works in the custom CCP; "Session
// expired" appears inside its CCP iframe; the extension signs in again
// silently in a helper tab and brings the agent back, frame signed in,
// helper tab closed. The CCP's chat transcript says "my session expired
// yesterday" all along: customer text must not start a login.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertNoLoginBefore, assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ACME_RELAY_STATE } from "./harness/hand-built-urls.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "01 custom CCP, expiry text in its iframe → silent re-login → back on the custom CCP";

scenarioTest(NAME, {
  emulator: { expiry: { style: "text" }, ccp: { chatTranscript: "Customer: my session expired yesterday, can you help?" } },
  config: productConfig({ profiles: [profile()], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  assert.match(await agent.frameLocator("#ccp").locator(".chat-transcript").innerText(), /session expired yesterday/);

  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);

  assertNoLoginBefore(s.emulator, since);
  const launch = await assertOneSignIn(s, {
    since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2", exactRelayState: ACME_RELAY_STATE,
  });
  assert.equal(launch.host, "launcher.myapps.microsoft.com", "the profile's launcher is used");
  assert.equal(launch.fetchDest, "document", "the sign-in runs in a tab, not a frame or fetch");
  assert.equal(agent.url(), CUSTOM_CCP_URL, "the agent is back on the custom CCP");
  assert.equal((await agent.frameLocator("#ccp").locator("#ccp-ready").innerText()), "CCP ready");

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
