// Scenario 13 (beyond the list, from docs/facts.md, "Testing here"): the
// browser blocks third-party cookies, so the custom CCP's frame can never
// use the Connect session, however good the login. The product must not
// loop: one login, then a stop whose diagnosis names the cookie setting.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState } from "./harness/agent.js";
import { launches, waitForPopup } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { INSTANCES } from "./emulator/default-world.js";

scenarioTest("13 third-party cookies blocked → one login, then a stop that names the cookie setting", {
  thirdPartyCookies: "blocked",
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const agent = await openAgentPage(s.context);
  // The frame can't send the (perfectly valid) session cookie: it shows the expiry at once.
  await waitForCcpState(agent, "signed-out");

  await waitFor(() => s.emulator.requests((r) => r.outcome === "signed-in").length > 0, {
    timeoutMs: 30_000, what: "the re-login to complete at federate",
  });
  await waitForPopup(s.context, /third-party cookie|cookie/i);
  assert.equal(launches(s.emulator).length, 1, "one login, no loop");
  const status = await agent.locator("#ccp-status").innerText();
  assert.equal(status, "signed-out", "the frame is, truthfully, still signed out");
});
