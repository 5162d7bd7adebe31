// Scenario 5: a legacy instance on <alias>.awsapps.com/connect/. The profile
// says destination "/ccp-v2"; the relay state must carry /connect/ccp-v2 and
// no new_domain=true (docs/facts.md, "Relay state"), or the emulated federate lands on a wrong page.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./emulator/default-world.js";

const NAME = "05 legacy awsapps.com instance";
const legacy = INSTANCES.legacy;

scenarioTest(NAME, {
  emulator: { customCcp: { pages: { "/ccp": ccpUrl(legacy) } } },
  config: productConfig({
    profiles: [profile({ name: "oldco-agents", instance: legacy, app: ENTRA_APPS.legacy, destination: "/ccp-v2" })],
  }),
}, async (s) => {
  const agent = await startOnCustomCcp(s, { instance: legacy });
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);

  const launch = await assertOneSignIn(s, {
    since, app: ENTRA_APPS.legacy, instance: legacy, destination: "/connect/ccp-v2",
    exactRelayState: `https://eu-west-2.console.aws.amazon.com/connect/federate/${legacy.id}?destination=%2Fconnect%2Fccp-v2`,
  });
  assert.ok(launch);
  const acs = s.emulator.requests((r) => r.path === "/saml" && r.time >= since);
  assert.equal(acs[0].host, "eu-west-2.signin.aws.amazon.com");
  const handoff = s.emulator.requests((r) => r.path.endsWith("/auth/emulator-session") && r.time >= since);
  assert.equal(handoff[0].host, "oldco.awsapps.com");
  assert.equal(agent.url(), CUSTOM_CCP_URL);

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
