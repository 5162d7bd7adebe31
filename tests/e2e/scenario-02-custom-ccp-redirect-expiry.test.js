// Scenario 2: as 1, but the expired CCP frame bounces to Connect's /login,
// which refuses framing (X-Frame-Options: sameorigin): the frame goes blank,
// no content script can read it. The product must still notice, sign in
// again and reload the frame:
//  a. with the Streams bridge snippet on the page (its auth-fail), as the contract's custom CCP;
//  b. without it (a custom CCP that doesn't use the snippet): only the frame's
//     navigation to a login path tells.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

for (const { name, streamsBridge } of [
  { name: "02a custom CCP, expiry as a redirect to a login page that refuses framing", streamsBridge: true },
  { name: "02b the same, custom CCP without the Streams bridge snippet", streamsBridge: false },
]) {
  scenarioTest(name, {
    emulator: { expiry: { style: "redirect" }, customCcp: { streamsBridge } },
    config: productConfig({ profiles: [profile()], mode: "tab" }),
  }, async (s) => {
    const agent = await startOnCustomCcp(s);
    const since = expireNow(s.emulator);
    await waitForAgentBack(s.context, [agent]);

    const refusedFrame = s.emulator.requests((r) => r.time >= since && r.path === "/login" && r.fetchDest === "iframe");
    assert.ok(refusedFrame.length >= 1, "the frame was bounced to /login first");
    await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
    assert.equal(agent.url(), CUSTOM_CCP_URL);

    await reportTimings(name, measureRelogin(s.emulator, since));
  });
}
