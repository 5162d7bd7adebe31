// Scenario 28: the agent works in a CRM tab while the custom CCP sits in a
// background tab of the same window. Focus is measured as Chrome keeps it:
// the active tab (chrome.tabs), which headless Chromium tracks although it
// reports every page visible.
//  a) Entra needs nothing: the session expires and is renewed, and no tab is
//     ever activated: the CRM stays in front throughout, and the notes the
//     agent types meanwhile all land in the CRM.
//  b) Entra needs the agent: its sign-in page comes to the front; once the
//     agent has signed in, the CRM is in front again.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { activeTabs, recordTabActivations } from "./harness/extension.js";
import { entraSignInPage } from "./harness/entra-page.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const CRM = "https://crm.example.com/case/4711";

async function agentInCrm(s) {
  const agent = await startOnCustomCcp(s);
  const crm = await s.context.newPage();
  await crm.goto(CRM);
  await crm.bringToFront();
  const [front] = await activeTabs(s.worker);
  assert.equal(front.url, CRM, "the CRM is the active tab before the expiry");
  return { agent, crm, crmTab: front };
}

scenarioTest("28a silent re-login: the active tab never changes", {
  emulator: { idp: { latencyMs: 300 } },
  config: productConfig({ profiles: [profile()], mode: "tab" }),
}, async (s) => {
  const { agent, crm, crmTab } = await agentInCrm(s);
  const activations = await recordTabActivations(s.worker);
  const since = expireNow(s.emulator);

  // The agent keeps typing while the product signs in again.
  const typing = (async () => {
    for (let i = 0; i < 20; i += 1) {
      await crm.locator("#notes").pressSequentially(`${i} `);
      await crm.waitForTimeout(100);
    }
  })();
  await waitForAgentBack(s.context, [agent], { otherPages: [crm] });
  await typing;

  assert.deepEqual(await activations(), [], "no tab was activated during or after the re-login");
  assert.deepEqual(await activeTabs(s.worker), [crmTab], "the CRM is still in front");
  const notes = await crm.locator("#notes").inputValue();
  assert.equal(notes, Array.from({ length: 20 }, (_, i) => `${i} `).join(""), "every keystroke landed in the CRM");
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
});

scenarioTest("28b interactive Entra step: the form comes to the front, then the CRM again", {
  emulator: { idp: { mode: "interactive" } },
  config: productConfig({ profiles: [profile()], mode: "tab" }),
}, async (s) => {
  const { agent, crm, crmTab } = await agentInCrm(s);
  expireNow(s.emulator);

  const entraPage = await entraSignInPage(s.context);
  await waitFor(async () => (await activeTabs(s.worker))[0]?.url?.startsWith("https://login.microsoftonline.com/"), {
    timeoutMs: 15_000, what: "Entra's sign-in form to come to the front",
  });
  await entraPage.clickSignIn();
  await entraPage.close();
  await waitForAgentBack(s.context, [agent], { otherPages: [crm] });
  await waitFor(async () => (await activeTabs(s.worker))[0]?.tabId === crmTab.tabId, {
    timeoutMs: 5_000, what: () => "the CRM to be in front again",
  });
});
