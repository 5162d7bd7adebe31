// Scenario 30, the enterprise path (docs/rollout.md, steps 4 to 6): nothing
// per user. Chromium gets the extension by force-install from a policy file
// in /etc/chromium/policies/managed/ that `ccp-relogin policy --format
// chrome-linux` made from the company's configuration; the emulator's update
// server serves the self-hosted CRX and its update.xml. The host has only the
// packages' machine file (allowedExtensionIds): the profiles reach it from
// the same policy. Third-party cookies are blocked, as Debian's Chromium
// does, and the policy's CookiesAllowedForUrls is what keeps the custom
// CCP's frame signed in. The policy also takes the extension's host access
// down to the configuration's hosts (runtime_blocked_hosts), and the agent
// still comes back after the session ends.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { auditEvents, recordedCookieRules } from "./harness/browser-cookies.js";
import { openAgentPage } from "./harness/agent.js";
import { waitFor } from "./harness/wait.js";
import { UPDATES_HOST } from "./emulator/services/extension-updates.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const NAME = "30 force-installed by the policy `ccp-relogin policy` wrote, configured by it, host access cut down → the agent comes back";

/**
 * Every tab the extension tries to script: the origins where its script ran,
 * and the browser's refusals (it can't even read a blocked tab's URL).
 */
function scriptEveryTab(worker) {
  return worker.evaluate(async () => {
    const ran = [];
    const refused = [];
    for (const tab of await chrome.tabs.query({})) {
      try {
        const [result] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => location.origin });
        ran.push(result.result);
      } catch (error) {
        refused.push(error.message);
      }
    }
    return { ran, refused };
  });
}

scenarioTest(NAME, {
  forceInstall: true,
  thirdPartyCookies: "blocked",
  config: productConfig({ profiles: [profile()], mode: "tab", timeoutSeconds: 45 }),
  timeoutMs: 90_000,
}, async (s) => {
  const fetched = s.emulator.requests({ host: UPDATES_HOST }).map((r) => r.path);
  assert.equal(fetched[0], "/ccp-relogin/update.xml", `Chromium asked the policy's update URL first: ${fetched}`);
  assert.ok(fetched.some((path) => /^\/ccp-relogin\/ccp-relogin-extension-[\d.]+\.crx$/.test(path)), `then the CRX: ${fetched}`);
  assert.equal(s.worker.url().startsWith(`chrome-extension://${s.extensionId}/`), true, "the release build, not the development one");

  // Its settings came from the policy: the host's file names no profile.
  // A freshly force-installed extension's managed storage is empty when its
  // worker first runs and filled a moment later (docs/facts.md, "Policies"):
  // the extension hears the change and the host answers a second welcome.
  const state = await waitFor(async () => {
    const now = await s.worker.evaluate(() => globalThis.ccpRelogin.state());
    return now.welcome?.profiles?.length > 0 && now;
  }, { timeoutMs: 15_000, intervalMs: 200, what: "the policy's profiles to reach the extension through the host's welcome" });
  assert.deepEqual(state.welcome.profiles.map((p) => p.name), ["agents-us"]);
  assert.equal(state.welcome.relogin.timeoutSeconds, 45);
  assert.deepEqual(state.problems, []);

  const agent = await startOnCustomCcp(s);
  await openAgentPage(s.context, "https://crm.example.com/");
  const scripted = await scriptEveryTab(s.worker);
  assert.deepEqual(scripted.ran, ["https://agents.example.com"], "the custom CCP is open to the extension");
  assert.equal(scripted.refused.length, 1, `the CRM beside it is not: ${JSON.stringify(scripted)}`);
  assert.match(scripted.refused[0], /policy/i, "refused by the policy, not for a missing permission");

  const since = expireNow(s.emulator);
  const crm = s.context.pages().find((page) => page.url().startsWith("https://crm.example.com/"));
  await waitForAgentBack(s.context, [agent], { otherPages: [crm] });
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal(agent.url(), CUSTOM_CCP_URL);

  // The policy's CookiesAllowedForUrls let the cookie in: the extension never needed a rule.
  assert.deepEqual(await recordedCookieRules(s.worker), []);
  assert.deepEqual(await auditEvents(s.stateDir, "cookie-rule"), []);
});
