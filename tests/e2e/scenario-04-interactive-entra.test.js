// Scenario 4: Entra has no session, so the sign-in stops on Entra's
// interactive page; the agent clicks "Sign in" (#idSIButton9) in the helper
// tab; the chain goes on and the agent is brought back to the custom CCP.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { waitForNewPage } from "./harness/agent.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "04 interactive Entra sign-in, then return";

scenarioTest(NAME, {
  emulator: { idp: { mode: "interactive" } },
  config: productConfig({ profiles: [profile()], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);

  const helper = await waitForNewPage(s.context, [agent], (url) => url.startsWith("https://login.microsoftonline.com/"), {
    timeoutMs: 30_000, what: "a helper tab on Entra's sign-in page",
  });
  await helper.locator("#idSIButton9").click();
  await waitForAgentBack(s.context, [agent]);

  const entra = s.emulator.requests((r) => r.host === "login.microsoftonline.com" && r.time >= since);
  assert.deepEqual(entra.map((r) => `${r.method} ${r.outcome}`), ["GET sign-in-page", "POST saml-posted"]);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
