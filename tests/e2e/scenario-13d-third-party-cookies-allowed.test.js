// Scenario 13d: third-party cookies allowed (the usual browser setting).
// Nothing about cookies changes: the CCP frame is signed in from the start,
// an expiry is one sign-in as in scenario 01, and the product sets no cookie
// rule, records none and says nothing about cookies.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { popupText } from "./harness/extension.js";
import { auditEvents, extensionLogTexts, recordedCookieRules } from "./harness/browser-cookies.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

scenarioTest("13d third-party cookies allowed → nothing changes: one sign-in on expiry, no cookie rule", {
  thirdPartyCookies: "allowed",
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });

  assert.deepEqual(await recordedCookieRules(s.worker), []);
  assert.deepEqual(await auditEvents(s.stateDir, "cookie-rule"), []);
  const log = await extensionLogTexts(s.worker);
  assert.ok(!log.some((t) => /Connect cookie|cookie rule/.test(t)), log.join("\n"));
  assert.doesNotMatch(await popupText(s.context), /cookie/i);
});
