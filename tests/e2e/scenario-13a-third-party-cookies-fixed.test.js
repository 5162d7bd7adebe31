// Scenario 13a (docs/facts.md, "Third-party cookies"): Chromium blocks
// third-party cookies by preference (Debian's default). The agent is signed
// in to Connect and opens the custom CCP; the browser withholds the Connect
// cookie from the CCP frame, which shows "Session expired" at once, while the
// extension's session probe (which the browser does send the cookie to) says
// signed in. The product allows exactly acme.my.connect.aws inside
// agents.example.com, audits it, reloads only the CCP frame, and the frame
// signs in: no sign-in needed. Later a real expiry is handled as usual, with
// one sign-in, and the frame comes back signed in.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState } from "./harness/agent.js";
import { assertOneSignIn, expireNow, signInsStarted, waitForAgentBack, waitForPopup } from "./harness/relogin-expectations.js";
import { auditEvents, cookieSettingInside, extensionLogTexts, recordedCookieRules } from "./harness/browser-cookies.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const CONNECT = "https://acme.my.connect.aws";
const RULE = { profile: "agents-us", primaryPattern: `${CONNECT}/*`, secondaryPattern: "https://agents.example.com/*" };

scenarioTest("13a third-party cookies blocked → the product allows the Connect cookie in the custom CCP, the frame signs in, at most one sign-in", {
  thirdPartyCookies: "blocked",
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  assert.equal(await cookieSettingInside(s.worker, CONNECT), "block", "the browser starts out blocking the Connect cookie there");
  await signInAgent(s.context, s.emulator, INSTANCES.acme);
  const agent = await openAgentPage(s.context);
  await waitForCcpState(agent, "signed-in", { what: "the custom CCP's frame to sign in once the product allowed its cookie" });
  assert.ok(await signInsStarted(s) <= 1, `at most one sign-in, saw ${await signInsStarted(s)}`);

  // Exactly the profile's Connect host inside the profile's returnTo origin, nothing broader.
  assert.equal(await cookieSettingInside(s.worker, CONNECT), "allow");
  assert.equal(await cookieSettingInside(s.worker, CONNECT, "https://intranet.example.com"), "block", "another embedder");
  assert.equal(await cookieSettingInside(s.worker, "https://elsewhere.my.connect.aws"), "block", "another instance");
  assert.deepEqual(await recordedCookieRules(s.worker), [RULE]);

  // Only the CCP frame was reloaded: the page (and the agent's work in it) stayed.
  const log = await extensionLogTexts(s.worker);
  assert.ok(log.some((t) => /CCP iframe reloaded by the bridge/.test(t)), log.join("\n"));
  assert.ok(!log.some((t) => /: page reloaded$/.test(t)), log.join("\n"));

  // Audited by the host, with the exact rule.
  const [line] = await waitFor(async () => {
    const lines = await auditEvents(s.stateDir, "cookie-rule");
    return lines.length > 0 && lines;
  }, { what: "the host's audit line for the cookie rule" });
  assert.deepEqual(line.request, { action: "set", ...RULE, reason: "third-party-cookies-blocked" });
  assert.equal(line.reply.configured, true);
  assert.equal((await auditEvents(s.stateDir, "cookie-rule")).length, 1, "one change, one line");
  await waitForPopup(s.context, /allowed the Amazon Connect cookie inside https:\/\/agents\.example\.com/);

  // A real expiry later: one sign-in, and the frame is back signed in (the rule stays).
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.deepEqual(await recordedCookieRules(s.worker), [RULE]);
});
