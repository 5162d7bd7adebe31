// Scenario 13c: a browser policy forbids the fix. Third-party cookies are
// blocked by preference, and the administrator's managed policy (written to
// /etc/chromium/policies/managed for this test only) either blocks cookies
// for the Connect site (CookiesBlockedForUrls) or locks third-party cookies
// off (BlockThirdPartyCookies). The product does not try to change the
// setting, signs nobody in, and the popup says which policy is in the way.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState } from "./harness/agent.js";
import { launches, waitForPopup } from "./harness/relogin-expectations.js";
import { auditEvents, cookieSettingInside, extensionLogTexts, recordedCookieRules } from "./harness/browser-cookies.js";
import { INSTANCES } from "./emulator/default-world.js";

const CONNECT = "https://acme.my.connect.aws";

async function assertNoFixTried(s) {
  assert.equal(launches(s.emulator).length, 0, "no sign-in");
  assert.equal(await cookieSettingInside(s.worker, CONNECT), "block");
  assert.deepEqual(await recordedCookieRules(s.worker), [], "no rule set");
  const log = await extensionLogTexts(s.worker);
  assert.ok(!log.some((t) => /allowing it there|cookie rule set/.test(t)), log.join("\n"));
  assert.deepEqual(await auditEvents(s.stateDir, "cookie-rule"), []);
}

scenarioTest("13c policy blocks cookies for the Connect site → no fix attempt, no sign-in, the popup says so", {
  thirdPartyCookies: "blocked",
  browserPolicy: { CookiesBlockedForUrls: ["https://[*.]my.connect.aws"] },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const agent = await openAgentPage(s.context);
  await waitForCcpState(agent, "signed-out");
  const popup = await waitForPopup(s.context, /blocks cookies for acme\.my\.connect\.aws/, { timeoutMs: 10_000 });
  assert.match(popup, /CookiesBlockedForUrls/);
  assert.match(popup, /no Amazon Connect sign-in can last/);
  await assertNoFixTried(s);
});

scenarioTest("13c BlockThirdPartyCookies locked by policy → no fix attempt, no sign-in, the popup names the policy and the entry", {
  thirdPartyCookies: "blocked",
  browserPolicy: { BlockThirdPartyCookies: true },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const agent = await openAgentPage(s.context);
  await waitForCcpState(agent, "signed-out");
  const popup = await waitForPopup(s.context, /BlockThirdPartyCookies locks/, { timeoutMs: 10_000 });
  assert.ok(popup.includes("https://[*.]my.connect.aws,https://agents.example.com"), popup);
  await assertNoFixTried(s);
});
