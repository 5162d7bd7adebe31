// Scenario 21: an instance replicated with Amazon Connect Global Resiliency.
// Its Entra app posts to the instance's global SAML sign-in endpoint
// (https://<instance-id>.us-east-1.sign-in.connect.aws/saml, the app's ACS URL,
// which carries the destination), and no relay state is configured
// (docs/facts.md, "Global Resiliency"). The session ends in the custom CCP;
// the product signs in through that endpoint and brings the agent back. The
// Entra launch carries no RelayState, the SAML post none either, and the
// console's federate endpoint is never on the way.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertNoLoginBefore, expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "21 Global Resiliency: expiry in the custom CCP → sign-in through the instance's sign-in.connect.aws endpoint, no RelayState → back";
const acme = INSTANCES.acme;
const SIGN_IN_HOST = `${acme.id}.${acme.region}.sign-in.connect.aws`;

scenarioTest(NAME, {
  emulator: { expiry: { style: "text" } },
  config: productConfig({ profiles: [profile({ app: ENTRA_APPS.acgr, globalResiliency: true })], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);

  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  assertNoLoginBefore(s.emulator, since);

  const launched = launches(s.emulator, since);
  assert.ok(launched.length >= 1, "the product launched the Entra app");
  for (const launch of launched) {
    assert.equal(launch.path, `/api/signin/${ENTRA_APPS.acgr.appId}`, "the Global Resiliency app was launched");
    assert.equal(launch.params.tenantId, ENTRA_APPS.acgr.tenantId);
    assert.ok(!("RelayState" in launch.params), `the launch carries no RelayState: ${launch.query}`);
  }

  const posts = s.emulator.requests((r) => r.path === "/saml" && r.time >= since);
  assert.deepEqual(posts.map((r) => [r.host, r.outcome]), [[SIGN_IN_HOST, "signed-in"]], "one SAML post, to the global sign-in endpoint");
  assert.equal(posts[0].form.RelayState, null, "no relay state was posted");
  assert.equal(posts[0].params.destination, "/ccp-v2", "the destination came from the ACS URL");
  assert.equal(s.emulator.requests((r) => /^\/connect\/federate\//.test(r.path) && r.time >= since).length, 0,
    "the console's federate endpoint is not on the way");
  assert.equal(s.emulator.requests((r) => r.path === "/auth/emulator-session" && r.time >= since).length, 1);

  assert.equal(agent.url(), CUSTOM_CCP_URL, "the agent is back on the custom CCP");
  assert.equal(await agent.frameLocator("#ccp").locator("#ccp-ready").innerText(), "CCP ready");
});
