// Scenario 6: two profiles on one instance, each with its own Entra app
// (identifiers …saml#1 and …saml#2): agents work in the custom CCP
// (/ccp-v2), admins in a workspace page that embeds /agent-app-v2. Each page
// must get its own app and its own relay state.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { waitForCcpState } from "./harness/agent.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES, connectOrigin } from "./emulator/default-world.js";

const NAME = "06 two profiles on one instance: each page gets its own app and relay state";
const acme = INSTANCES.acme;
const WORKSPACE_URL = "https://agents.example.com/workspace";

scenarioTest(NAME, {
  emulator: {
    customCcp: { pages: { "/ccp": `${connectOrigin(acme)}/ccp-v2`, "/workspace": `${connectOrigin(acme)}/agent-app-v2` } },
  },
  config: productConfig({
    profiles: [
      profile({ name: "agents-us", app: ENTRA_APPS.agents, destination: "/ccp-v2", returnTo: [CUSTOM_CCP_URL] }),
      profile({ name: "admins-us", app: ENTRA_APPS.admins, destination: "/agent-app-v2", returnTo: [WORKSPACE_URL] }),
    ],
  }),
  timeoutMs: 90_000,
}, async (s) => {
  // The agents' page first.
  const agent = await startOnCustomCcp(s);
  const agentsSince = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since: agentsSince, app: ENTRA_APPS.agents, instance: acme, destination: "/ccp-v2" });
  await reportTimings(`${NAME} (agents)`, measureRelogin(s.emulator, agentsSince));

  // Then the admins' workspace, in the same browser. (The agents' tab closes
  // only after it is open: closing the last tab would end the browser session
  // and with it the session cookies.)
  const admin = await s.context.newPage();
  await admin.goto(WORKSPACE_URL);
  await waitForCcpState(admin, "signed-in");
  await agent.close();
  const adminsSince = expireNow(s.emulator);
  await waitForAgentBack(s.context, [admin]);
  await assertOneSignIn(s, { since: adminsSince, app: ENTRA_APPS.admins, instance: acme, destination: "/agent-app-v2" });
  assert.equal(admin.url(), WORKSPACE_URL);
  await reportTimings(`${NAME} (admins)`, measureRelogin(s.emulator, adminsSince));
});
