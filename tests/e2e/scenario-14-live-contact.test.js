// Scenario 14 (beyond the list, from docs/architecture.md, "13. Return"): the session ends
// while the agent is on a call. The product may sign in again, but must not
// reload the CCP frame (that would drop the call) until the contact has
// ended; then it brings the frame back.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { ccpStatus, waitForOnly } from "./harness/agent.js";
import { expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";

scenarioTest("14 expiry during a live contact → the CCP frame is reloaded only after the contact ends", {
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  await agent.evaluate(() => window.emulatedStreams.startContact("contact-1"));
  const since = expireNow(s.emulator);

  // The login itself may go ahead; wait until the helper has landed and is gone.
  await waitFor(() => s.emulator.requests((r) => r.time >= since && r.path.endsWith("/auth/emulator-session")).length > 0, {
    timeoutMs: 30_000, what: "the re-login to land",
  });
  await waitForOnly(s.context, [agent], { timeoutMs: 30_000 });
  const frameLoads = () => s.emulator.requests((r) => r.time >= since && r.fetchDest === "iframe" && r.path === "/ccp-v2").length;
  assert.equal(frameLoads(), 0, "the CCP frame was not reloaded while the contact was live");
  assert.equal((await ccpStatus(agent)).signedInCount, 1);

  await agent.evaluate(() => window.emulatedStreams.endContact("contact-1"));
  await waitForAgentBack(s.context, [agent]);
  assert.equal(frameLoads(), 1);
});
