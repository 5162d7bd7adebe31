// Scenario 20: a sign-in tab that stalls (tests/e2e/README.md, "A sign-in
// tab that stalls"). Entra's auto-posting SAML page is committed and never
// finishes (emulator knob idp.stallSamlPages), so its form never posts.
//  a. Once: the extension navigates the tab to the sign-in URL again after
//     8 s without progress (extension/lib/flow-stall.js), the host records it
//     (audit event sign-in-stalled), the agent is back well before the 60 s
//     sign-in timeout.
//  b. Every time: two re-navigations, then the attempt fails (stage
//     `stalled`) and the host grants the next one, which signs in.
//  c. Entra's interactive page, parsed and waiting for the agent longer than
//     the stall time, is left alone: nothing is navigated again.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { auditEvents } from "./harness/browser-cookies.js";
import { entraSignInPage } from "./harness/entra-page.js";
import { expireNow, launches, startOnCustomCcp, waitForAgentBack } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { STALL_AFTER_MS } from "../../extension/lib/flow-stall.js";

const TIMEOUT_SECONDS = 60;
const entraAnswers = (emulator, since) =>
  emulator.requests((r) => r.host === "login.microsoftonline.com" && r.time >= since).map((r) => r.outcome);
const samlPosts = (emulator, since) => emulator.requests((r) => r.method === "POST" && r.path === "/saml" && r.time >= since);

const NAME_A = "20a the SAML page stalls once → the tab is navigated again, audited, agent back";

scenarioTest(NAME_A, {
  emulator: { idp: { stallSamlPages: 1 } },
  config: productConfig({ profiles: [profile()], timeoutSeconds: TIMEOUT_SECONDS }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent], { timeoutMs: 30_000 });

  // The emulated stall is one re-navigation. Playwright's own start-up race
  // (tests/e2e/README.md, "A sign-in tab that stalls") can kill the tab's
  // renderer before the SAML page commits: the product then recovers the
  // same way, and reports the sign-in URL it had started as where it stalled.
  const [relogin] = (await auditEvents(s.stateDir, "expired")).filter((e) => e.decision === "relogin");
  const stalls = await auditEvents(s.stateDir, "sign-in-stalled");
  assert.ok(stalls.length >= 1, "the host recorded the re-navigation");
  assert.equal(launches(s.emulator, since).length, 1 + stalls.length, "the sign-in URL was opened once, and once more per stall");
  const answers = entraAnswers(s.emulator, since);
  assert.deepEqual([answers.filter((a) => a === "saml-stalled").length, answers.at(-1)], [1, "saml-posted"]);
  assert.equal(samlPosts(s.emulator, since).length, 1, "one SAML post");
  stalls.forEach((stall, i) => {
    assert.equal(stall.request.correlationId, relogin.reply.correlationId, "of this sign-in");
    assert.equal(stall.request.renavigation, i + 1);
    assert.match(stall.request.url,
      /^https:\/\/(login\.microsoftonline\.com\/[^?]+\/saml2|launcher\.myapps\.microsoft\.com\/api\/signin\/[^?]+)$/,
      "where it stalled (the SAML page, or the sign-in URL when no page had committed), without query");
    assert.ok(stall.request.quietMs >= STALL_AFTER_MS, `quiet for ${stall.request.quietMs} ms`);
    assert.equal(stall.decision, "recorded");
  });
  assert.equal((await auditEvents(s.stateDir, "failed")).length, 0, "no attempt failed");

  const timings = measureRelogin(s.emulator, since);
  assert.ok(timings.totalMs < TIMEOUT_SECONDS * 1000 / 2, `agent back after ${timings.totalMs} ms`);
  await reportTimings(NAME_A, timings);
});

scenarioTest("20b the SAML page stalls three times → two re-navigations, the attempt fails, the next one signs in", {
  emulator: { idp: { stallSamlPages: 3 } },
  config: productConfig({ profiles: [profile()], timeoutSeconds: TIMEOUT_SECONDS }),
  timeoutMs: 90_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent], { timeoutMs: 60_000 });

  assert.deepEqual(entraAnswers(s.emulator, since), ["saml-stalled", "saml-stalled", "saml-stalled", "saml-posted"]);
  const stalls = await auditEvents(s.stateDir, "sign-in-stalled");
  assert.deepEqual(stalls.map((e) => e.request.renavigation), [1, 2]);
  const failed = await auditEvents(s.stateDir, "failed");
  assert.equal(failed.length, 1);
  assert.equal(failed[0].request.stage, "stalled");
  assert.equal(failed[0].request.correlationId, stalls[0].request.correlationId, "the first attempt failed");
  assert.equal(failed[0].decision, "relogin", "and the host granted the next");
  assert.equal(failed[0].reply.attempt, 2);
  const [landed] = await auditEvents(s.stateDir, "landed");
  assert.equal(landed.request.correlationId, failed[0].reply.correlationId, "the second attempt landed");
});

scenarioTest("20c Entra's interactive page waits for the agent longer than the stall time: left alone", {
  emulator: { idp: { mode: "interactive" } },
  config: productConfig({ profiles: [profile()], timeoutSeconds: TIMEOUT_SECONDS }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  const entraPage = await entraSignInPage(s.context);
  // A tab whose first renderer Playwright's race killed was navigated again
  // before the form came up (tests/e2e/README.md, "A sign-in tab that
  // stalls"), audited; once the form is there, nothing may move it.
  const stallsBefore = (await auditEvents(s.stateDir, "sign-in-stalled")).length;
  const launchesBefore = launches(s.emulator, since).length;
  assert.equal(launchesBefore, 1 + stallsBefore, "every launch but the first was an audited re-navigation");
  await new Promise((resolve) => setTimeout(resolve, STALL_AFTER_MS + 3000)); // the agent reads, types, thinks
  assert.equal(launches(s.emulator, since).length, launchesBefore, "the page was not navigated again");
  assert.equal((await auditEvents(s.stateDir, "sign-in-stalled")).length, stallsBefore, "no stall was seen in a page waiting for the agent");

  await entraPage.clickSignIn();
  await entraPage.close();
  await waitForAgentBack(s.context, [agent]);
  assert.deepEqual(entraAnswers(s.emulator, since), [...Array(launchesBefore).fill("sign-in-page"), "saml-posted"]);
});
