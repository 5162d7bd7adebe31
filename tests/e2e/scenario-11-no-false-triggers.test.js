// Scenario 11: what must NOT happen.
//  a. A page outside Connect (the intranet) shows "Session expired": no login,
//     the page is left alone. A real expiry afterwards still gets exactly one
//     login (so the extension was alive and listening all along).
//  b. A page reports a forged return URL (a ?next= to a foreign site in its
//     address, a bridge message carrying the foreign URL): the agent is only
//     ever taken to a configured URL; the foreign site is never requested.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState, webPages } from "./harness/agent.js";
import { assertNoLoginBefore, assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./emulator/default-world.js";

const FOREIGN = "https://evil.example.net/phish";

scenarioTest("11a a page outside Connect says \"Session expired\" → nothing happens", {
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const intranet = await openAgentPage(s.context, "https://intranet.example.com/news");
  assert.match(await intranet.locator("[role=alertdialog]").innerText(), /Session expired/);
  const agent = await s.context.newPage();
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  await agent.goto(CUSTOM_CCP_URL);
  await waitForCcpState(agent, "signed-in");

  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent], { otherPages: [intranet] });

  assertNoLoginBefore(s.emulator, since);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal(s.emulator.requests({ host: "intranet.example.com" }).length, 1, "the intranet page was never reloaded");
  assert.equal(intranet.url(), "https://intranet.example.com/news");
});

scenarioTest("11b a forged return URL → the agent only ever returns to a configured URL", {
  emulator: { customCcp: { pages: { "/ccp": ccpUrl(INSTANCES.acme), "/desk": ccpUrl(INSTANCES.acme) } } },
  config: productConfig({ profiles: [profile({ returnTo: [CUSTOM_CCP_URL] })] }),
}, async (s) => {
  const forgedPage = `https://agents.example.com/desk?next=${encodeURIComponent(FOREIGN)}`;
  const agent = await startOnCustomCcp(s, { url: forgedPage });
  const since = expireNow(s.emulator);
  await waitForCcpState(agent, "signed-out");
  // The page itself (not Streams) forges bridge messages pointing elsewhere.
  await agent.evaluate((foreign) => {
    for (const key of ["returnUrl", "url", "tabUrl", "frameUrl"]) {
      window.postMessage({ source: "ccp-relogin", type: "auth-fail", [key]: foreign }, "*");
    }
  }, FOREIGN);

  // Back somewhere signed in: the agent's tab reloaded in place, or a tab on the configured URL.
  await waitFor(async () => {
    for (const page of webPages(s.context)) {
      const status = await page.evaluate(() => document.getElementById("ccp-status")?.dataset.signedInCount).catch(() => null);
      if (page.url() === CUSTOM_CCP_URL ? Number(status) >= 1 : page === agent && Number(status) >= 2) return true;
    }
    return false;
  }, { timeoutMs: 30_000, what: "a custom CCP signed in again after the re-login" });

  assert.equal(s.emulator.requests({ host: "evil.example.net" }).length, 0, "the foreign site was never requested");
  // Every page load on the custom-CCP site after the expiry: the configured URL, or a reload of the page the agent was on.
  const allowed = [CUSTOM_CCP_URL, forgedPage];
  const navigations = s.emulator.requests((r) => r.time >= since && r.host === "agents.example.com" && r.fetchDest === "document");
  for (const n of navigations) {
    const url = `https://${n.host}${n.path}${n.query ? `?${n.query}` : ""}`;
    assert.ok(allowed.includes(url), `the agent was taken to ${url}`);
  }
  for (const page of webPages(s.context)) {
    assert.ok([CUSTOM_CCP_URL, forgedPage].includes(page.url()), `no tab left on ${page.url()}`);
  }
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
});
