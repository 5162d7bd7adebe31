// Scenario 13b: third-party cookies blocked by preference, and the
// administrator turned the fix off (detection.fixThirdPartyCookies: false).
// The product changes nothing and signs nobody in (a sign-in cannot help):
// within seconds the popup says the browser blocks the Amazon Connect cookie
// inside https://agents.example.com and names the CookiesAllowedForUrls entry
// IT can set; the badge and a notification say so too. The agent reloading
// the page gets the same answer, no sign-in loop.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState } from "./harness/agent.js";
import { launches, waitForPopup } from "./harness/relogin-expectations.js";
import { auditEvents, cookieSettingInside, extensionLogTexts, recordedCookieRules } from "./harness/browser-cookies.js";
import { waitFor } from "./harness/wait.js";
import { INSTANCES } from "./emulator/default-world.js";

const CONNECT = "https://acme.my.connect.aws";
const POLICY_ENTRY = "https://[*.]my.connect.aws,https://agents.example.com";

scenarioTest("13b third-party cookies blocked, fix turned off → the popup names the setting and the policy entry within seconds, no sign-in loop", {
  thirdPartyCookies: "blocked",
  config: productConfig({ profiles: [profile()], detection: { fixThirdPartyCookies: false } }),
}, async (s) => {
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const agent = await openAgentPage(s.context);
  await waitForCcpState(agent, "signed-out");
  const shownAt = Date.now();
  const popup = await waitForPopup(s.context, /CookiesAllowedForUrls/, { timeoutMs: 10_000 });
  const seconds = (Date.now() - shownAt) / 1000;
  assert.ok(seconds < 10, `the popup said it after ${seconds} s`);
  assert.match(popup, /blocks the Amazon Connect cookie inside https:\/\/agents\.example\.com/);
  assert.match(popup, /detection\.fixThirdPartyCookies is false/);
  assert.ok(popup.includes(POLICY_ENTRY), popup);

  const told = await s.worker.evaluate(async () => ({
    badge: await chrome.action.getBadgeText({}),
    notifications: Object.keys(await chrome.notifications.getAll()),
  }));
  assert.equal(told.badge, "ck");
  assert.deepEqual(told.notifications, ["stop:agents-us"]);

  // The agent reloads the page: the frame is signed out again, the answer the same.
  await agent.reload();
  await waitForCcpState(agent, "signed-out");
  await waitFor(async () => (await extensionLogTexts(s.worker)).some((t) => /already reported/.test(t)), {
    what: "the extension to see the reloaded frame's expiry",
  });
  assert.equal(launches(s.emulator).length, 0, "no sign-in: it could not help");
  assert.equal(await cookieSettingInside(s.worker, CONNECT), "block", "nothing changed");
  assert.deepEqual(await recordedCookieRules(s.worker), []);
  assert.deepEqual(await auditEvents(s.stateDir, "cookie-rule"), []);
});
