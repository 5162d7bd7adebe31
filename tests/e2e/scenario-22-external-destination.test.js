// Scenario 22: the profile's destination is the custom CCP itself, an
// approved origin of the instance (docs/configuration.md,
// `profiles[].destination`). The relay state carries it encoded
// (destination=https%3A%2F%2Fagents.example.com%2Fccp), federate signs in
// and sends the sign-in tab to the custom CCP, and the extension takes that
// arrival as the landing: the tab closes and the agent's own CCP frame is
// signed in again.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertNoLoginBefore, assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "22 external destination: the relay state sends the sign-in to the custom CCP, which counts as landed";
const acme = INSTANCES.acme;
const RELAY_STATE = `https://us-east-1.console.aws.amazon.com/connect/federate/${acme.id}` +
  "?destination=https%3A%2F%2Fagents.example.com%2Fccp&new_domain=true";

scenarioTest(NAME, {
  emulator: { expiry: { style: "text" } },
  config: productConfig({ profiles: [profile({ destination: CUSTOM_CCP_URL, returnTo: [CUSTOM_CCP_URL] })], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);

  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  assertNoLoginBefore(s.emulator, since);

  const launch = await assertOneSignIn(s, {
    since, app: ENTRA_APPS.agents, instance: acme, destination: CUSTOM_CCP_URL, exactRelayState: RELAY_STATE,
  });
  assert.match(launch.query, /RelayState=[^&]*destination%3Dhttps%253A%252F%252Fagents\.example\.com%252Fccp/,
    "inside the Entra URL the relay state is encoded once more");

  const [handoff] = s.emulator.requests((r) => r.path === "/auth/emulator-session" && r.time >= since);
  const arrivals = s.emulator.requests((r) => r.host === "agents.example.com" && r.path === "/ccp" && r.time >= handoff.time);
  assert.ok(arrivals.length >= 1, "after the hand-off the sign-in tab went to the custom CCP");

  assert.equal(agent.url(), CUSTOM_CCP_URL, "the agent is back on the custom CCP");
  assert.equal(await agent.frameLocator("#ccp").locator("#ccp-ready").innerText(), "CCP ready");
});
