// Scenario 4: Entra has no session, so the sign-in stops on Entra's
// interactive page; the agent clicks "Sign in" (#idSIButton9) in the helper
// tab; the chain goes on and the agent is brought back to the custom CCP.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { entraSignInPage } from "./harness/entra-page.js";
import { assertOneSignIn, expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "04 interactive Entra sign-in, then return";

scenarioTest(NAME, {
  emulator: { idp: { mode: "interactive" } },
  config: productConfig({ profiles: [profile()], mode: "tab" }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);

  const entra = await entraSignInPage(s.context);
  await entra.clickSignIn();
  await entra.close();
  await waitForAgentBack(s.context, [agent]);

  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  // The sign-in page once (twice when a stalled tab was navigated again, audited), then the post.
  const answers = s.emulator.requests((r) => r.host === "login.microsoftonline.com" && r.time >= since).map((r) => `${r.method} ${r.outcome}`);
  const stalls = launches(s.emulator, since).length - 1;
  assert.deepEqual(answers, [...Array(1 + stalls).fill("GET sign-in-page"), "POST saml-posted"]);

  await reportTimings(NAME, measureRelogin(s.emulator, since));
});
