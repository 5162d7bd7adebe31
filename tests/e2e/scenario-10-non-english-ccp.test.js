// Scenario 10: a localized CCP.
//  a. German, with no detection phrases configured: the product's shipped
//     translations must recognise "Sitzung abgelaufen" (docs/facts.md, "What
//     expiry looks like": the CCP is localized).
//  b. French, with the phrase configured in another case ("SESSION
//     EXPIRÉE"): configured phrases match case-insensitively.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

// The custom CCP runs without the Streams bridge here, so the localized text
// in the frame is the only signal. (That the emulated CCP shows only the
// localized text is checked in emulator.test.js.)
for (const { name, language, detection } of [
  { name: "10a German CCP, shipped translations", language: "de", detection: undefined },
  { name: "10b French CCP, configured phrase in another case", language: "fr", detection: { phrases: ["SESSION EXPIRÉE"] } },
]) {
  scenarioTest(name, {
    emulator: { expiry: { style: "text", language }, customCcp: { streamsBridge: false } },
    config: productConfig({ profiles: [profile()], detection }),
  }, async (s) => {
    const agent = await startOnCustomCcp(s);
    const since = expireNow(s.emulator);
    await waitForAgentBack(s.context, [agent]);
    await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
    assert.equal(agent.url(), CUSTOM_CCP_URL);
    await reportTimings(name, measureRelogin(s.emulator, since));
  });
}
