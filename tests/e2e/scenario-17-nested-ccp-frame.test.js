// Scenario 17: the custom CCP keeps its CCP iframe out of the page's own
// document — in the open shadow root of a web component (17a), or in a
// softphone page of the same site framed by the CRM page (17b), whose Streams
// snippet posts to window.top. The session ends ("Session expired" text);
// after one login the bridge finds that nested iframe and reloads only it:
// the CCP frame is signed in again, the notes the agent typed on the page are
// still there, and the page itself was loaded exactly once. The Streams
// auth-fail, posted from wherever Streams runs, reaches the extension too.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const AGENT_NOTES = "Caller wants a refund for order 4711 — call back after 3 pm";

const EMBEDDINGS = [
  {
    name: "17a CCP iframe inside an open shadow root → only that iframe is reloaded, the agent's notes stay",
    embedding: "shadow-root",
    ccpFrame: (agent) => agent.frameLocator("#ccp"), // Playwright's CSS pierces open shadow roots
    pagePaths: ["/ccp"],
  },
  {
    name: "17b CCP iframe inside a same-origin softphone frame → only that iframe is reloaded, the agent's notes stay",
    embedding: "same-origin-frame",
    ccpFrame: (agent) => agent.frameLocator("#softphone").frameLocator("#ccp"),
    pagePaths: ["/ccp", "/ccp/softphone"],
  },
];

for (const { name, embedding, ccpFrame, pagePaths } of EMBEDDINGS) {
  scenarioTest(name, {
    emulator: { customCcp: { embedding }, expiry: { style: "text" } },
    config: productConfig({ profiles: [profile()], mode: "tab" }),
  }, async (s) => {
    const agent = await startOnCustomCcp(s);
    assert.equal(await ccpFrame(agent).locator("#ccp-ready").innerText(), "CCP ready", `the CCP is where the ${embedding} embedding puts it`);
    await agent.locator("#agent-notes").fill(AGENT_NOTES);

    const since = expireNow(s.emulator);
    await waitForAgentBack(s.context, [agent]);

    await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
    assert.equal(agent.url(), CUSTOM_CCP_URL, "the agent is back on the custom CCP");
    assert.equal(await ccpFrame(agent).locator("#ccp-ready").innerText(), "CCP ready", "the nested CCP frame is signed in again");
    assert.equal(await agent.locator("#agent-notes").inputValue(), AGENT_NOTES, "the agent's notes survived the re-login");
    for (const path of pagePaths) {
      const loads = s.emulator.requests({ host: "agents.example.com", path });
      assert.equal(loads.length, 1, `${path} was loaded once, never reloaded (loads at ${loads.map((r) => `${r.time} ms`).join(", ")})`);
    }
    const ccpFrameLoads = s.emulator.requests((r) => r.time >= since && r.host === "acme.my.connect.aws" && r.path === "/ccp-v2" && r.fetchDest === "iframe");
    assert.ok(ccpFrameLoads.length >= 1, "the CCP iframe itself was loaded again after the expiry");
    const log = await s.worker.evaluate(() => globalThis.ccpRelogin.log().map((e) => e.text));
    // 17b: the Streams stand-in runs in the softphone frame and posts to window.top; the bridge must accept it.
    assert.ok(log.some((t) => /expiry detected \(streams: onAuthFail\)|single-flight: streams hint/.test(t)),
      `the bridge passed on the Streams auth-fail (worker log: ${JSON.stringify(log.slice(-15))})`);
    assert.ok(log.some((t) => /CCP iframe reloaded by the bridge/.test(t)),
      `the worker reloaded the iframe through the bridge, not the tab (worker log: ${JSON.stringify(log.slice(-15))})`);

    await reportTimings(name, measureRelogin(s.emulator, since));
  });
}
