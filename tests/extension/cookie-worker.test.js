// The whole worker when the browser blocks the Connect cookie in a custom
// CCP, over the fake chrome.contentSettings / chrome.privacy (which answer as
// Chromium 156 was measured to, docs/facts.md "Third-party cookies"): what it
// reads, the exact rule it sets, what it reports to the host, the frame it
// reloads, and the rules it withdraws when the configuration changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXTENSION_ID } from "./support/fake-chrome.js";
import { CONFIG, CONNECT, CUSTOM_CCP, startWorker } from "./support/worker-harness.js";
import { COOKIE_RULES_KEY } from "../../extension/lib/storage-keys.js";

const KEY = "agents-us";
const AGENTS = "https://agents.example.com";
const ENTRY = "https://[*.]my.connect.aws,https://agents.example.com";
const RULE = { profile: KEY, primaryPattern: `${CONNECT}/*`, secondaryPattern: `${AGENTS}/*` };
const WITH_ENTRY = { ...CONFIG, profiles: [{ ...CONFIG.profiles[0], cookiesAllowedForUrls: [ENTRY] }] };

function withDetection(detection) {
  return { ...WITH_ENTRY, detection: { ...WITH_ENTRY.detection, ...detection } };
}

// A worker whose browser blocks third-party cookies (Debian's Chromium, by preference).
async function blockedBrowser({ config = WITH_ENTRY, locked = false, policyBlocks = [] } = {}) {
  const h = await startWorker({ config, probe: { status: 200 } }); // the worker's probe gets the cookie: signed in
  Object.assign(h.chrome.test.cookies, { thirdPartyBlocked: true, thirdPartyLocked: locked, policyBlocks });
  h.chrome.test.setTabMessageHandler(async (tabId, message) => (message.kind === "reload-ccp-frame" ? { reloaded: 1 } : {}));
  const tab = h.chrome.test.openTab(CUSTOM_CCP);
  await signal(h, tab, { kind: "bridge-ready" });
  return { h, tab };
}

async function signal(h, tab, msg, { frameId = 0, url = tab.url } = {}) {
  h.chrome.runtime.onMessage.emit(msg, { id: EXTENSION_ID, tab: { id: tab.id, windowId: tab.windowId, url: tab.url }, frameId, url }, () => {});
  await h.settle();
}

// What the CCP frame shows at once when its cookie is withheld.
const expiryInFrame = (h, tab) =>
  signal(h, tab, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, { frameId: 5, url: `${CONNECT}/ccp-v2` });

const reloads = (h) => h.chrome.test.callsOf("tabs.sendMessage").filter(([, m]) => m.kind === "reload-ccp-frame");
const sets = (h) => h.chrome.test.callsOf("contentSettings.cookies.set").map(([d]) => d);

test("cookie worker: allows exactly the Connect host inside the custom CCP, audits it, reloads only the frame", async () => {
  const { h, tab } = await blockedBrowser();
  await expiryInFrame(h, tab);
  assert.deepEqual(sets(h), [
    { primaryPattern: `${CONNECT}/*`, secondaryPattern: `${AGENTS}/*`, setting: "allow", scope: "regular" },
  ]);
  assert.deepEqual((await h.chrome.storage.local.get(COOKIE_RULES_KEY))[COOKIE_RULES_KEY], [RULE]);
  const audit = h.lastSent("cookie-rule");
  assert.deepEqual({ ...audit, id: undefined }, {
    type: "cookie-rule", id: undefined, action: "set", ...RULE, reason: "third-party-cookies-blocked",
  });
  assert.deepEqual(reloads(h).map(([tabId, m]) => [tabId, m.connectOrigin]), [[tab.id, CONNECT]]);
  assert.equal(h.chrome.test.callsOf("tabs.reload").length, 0, "the page and the agent's work stay");
  assert.equal(h.port.sentOfType("expired").length, 0, "no sign-in");
  assert.equal(h.flow().phase, "idle");
  await h.hostAnswers("cookie-rule", { type: "recorded", configured: true });
  assert.deepEqual(h.state().cookieAudit, []);
});

test("cookie worker: the frame signed in after the fix: the next expiry is a real one again", async () => {
  const { h, tab } = await blockedBrowser();
  await expiryInFrame(h, tab);
  h.setProbe({ status: 401 }); // hours later the session really ends
  await h.advance(6 * 60_000);
  await expiryInFrame(h, tab);
  assert.equal(h.port.sentOfType("expired").length, 1, "the host is asked for a sign-in");
  assert.equal(sets(h).length, 1);
});

test("cookie worker: with the fix off, nothing is changed and the popup names the setting and the entry", async () => {
  const { h, tab } = await blockedBrowser({ config: withDetection({ fixThirdPartyCookies: false }) });
  await expiryInFrame(h, tab);
  await signal(h, tab, { kind: "bridge-event", type: "auth-fail", frameSrc: `${CONNECT}/ccp-v2` });
  assert.deepEqual(sets(h), []);
  assert.equal(h.port.sentOfType("expired").length, 0, "no sign-in, so no loop");
  assert.equal(h.flow().stop.reason, "third-party-cookies");
  assert.match(h.flow().stop.diagnosis, /fixThirdPartyCookies is false.*CookiesAllowedForUrls: https:\/\/\[\*\.\]my\.connect\.aws,https:\/\/agents\.example\.com/);
  assert.equal(h.chrome.test.callsOf("notifications.create").length, 1, "told once");
  assert.equal(h.chrome.action.badge.text, "ck");
});

test("cookie worker: BlockThirdPartyCookies locked by policy: no fix attempt, and the stop says so", async () => {
  const { h, tab } = await blockedBrowser({ locked: true });
  await expiryInFrame(h, tab);
  assert.deepEqual(sets(h), []);
  assert.match(h.flow().stop.diagnosis, /BlockThirdPartyCookies locks/);
});

test("cookie worker: cookies blocked for the Connect site by policy: no probe, no fix, no sign-in", async () => {
  const { h, tab } = await blockedBrowser({ policyBlocks: [CONNECT] });
  const probes = h.fetchCalls.length;
  await expiryInFrame(h, tab);
  assert.equal(h.fetchCalls.length, probes, "nothing to probe: no session can last");
  assert.deepEqual(sets(h), []);
  assert.equal(h.port.sentOfType("expired").length, 0);
  assert.match(h.flow().stop.diagnosis, /blocks cookies for acme\.my\.connect\.aws/);
});

test("cookie worker: a policy that blocks the pair wins over the rule: withdrawn, audited, said", async () => {
  const { h, tab } = await blockedBrowser({ policyBlocks: [`${CONNECT},${AGENTS}`] });
  await expiryInFrame(h, tab);
  assert.equal(sets(h).length, 1, "tried: the preference alone could have been the cause");
  assert.equal(h.chrome.test.callsOf("contentSettings.cookies.clear").length, 1);
  assert.deepEqual(h.chrome.test.cookies.rules, []);
  assert.deepEqual((await h.chrome.storage.local.get(COOKIE_RULES_KEY))[COOKIE_RULES_KEY], []);
  const sent = h.port.sentOfType("cookie-rule").map((m) => `${m.action}:${m.reason}`);
  assert.deepEqual(sent, ["set:third-party-cookies-blocked", "clear:policy-overrides"]);
  assert.match(h.flow().stop.diagnosis, /blocks it anyway/);
  assert.equal(reloads(h).length, 0);
});

test("cookie worker: cookies allowed: the probe's contradiction is ignored as before, nothing changes", async () => {
  const h = await startWorker({ config: WITH_ENTRY, probe: { status: 200 } });
  const tab = h.chrome.test.openTab(CUSTOM_CCP);
  await expiryInFrame(h, tab);
  assert.deepEqual(sets(h), []);
  assert.equal(h.port.sentOfType("expired").length, 0);
  assert.equal(h.flow()?.phase ?? "idle", "idle");
  assert.match(h.state().lastEvent.text, /session probe says signed-in: ignored/);
});

test("cookie worker: a profile leaving the configuration takes its rule along; the others are set again", async () => {
  const { h, tab } = await blockedBrowser();
  await expiryInFrame(h, tab);
  const other = { profile: "agents-eu", primaryPattern: "https://euco.my.connect.aws/*", secondaryPattern: "https://eu.example.com/*" };
  await h.chrome.storage.local.set({ [COOKIE_RULES_KEY]: [RULE, other] });
  h.chrome.test.cookies.rules.push({ ...other, setting: "allow", scope: "regular" });
  const eu = {
    ...CONFIG.profiles[0], name: "agents-eu", instance: { ...CONFIG.profiles[0].instance, alias: "euco" },
    connectOrigin: "https://euco.my.connect.aws", returnTo: ["https://eu.example.com/ccp"],
  };
  h.port.reply({ type: "welcome", v: 1, hostVersion: "0.1.0", config: { ...CONFIG, profiles: [eu] }, problems: [] });
  await h.settle();
  assert.deepEqual(h.chrome.test.cookies.rules.map((r) => r.secondaryPattern), ["https://eu.example.com/*"]);
  assert.deepEqual((await h.chrome.storage.local.get(COOKIE_RULES_KEY))[COOKIE_RULES_KEY], [other]);
  const cleared = h.lastSent("cookie-rule");
  assert.deepEqual([cleared.action, cleared.reason, cleared.secondaryPattern], ["clear", "profile-removed", `${AGENTS}/*`]);
});

test("cookie worker: turning the fix off withdraws every rule it set", async () => {
  const { h, tab } = await blockedBrowser();
  await expiryInFrame(h, tab);
  h.port.reply({ type: "welcome", v: 1, hostVersion: "0.1.0", config: withDetection({ fixThirdPartyCookies: false }), problems: [] });
  await h.settle();
  assert.deepEqual(h.chrome.test.cookies.rules, []);
  assert.equal(h.lastSent("cookie-rule").reason, "fix-disabled");
});

test("cookie worker: a Connect frame of no profile is left to the host (no-profile), cookies untouched", async () => {
  const { h, tab } = await blockedBrowser();
  await signal(h, tab, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, {
    frameId: 5, url: "https://elsewhere.my.connect.aws/ccp-v2",
  });
  assert.deepEqual(sets(h), []);
  assert.equal(h.chrome.test.callsOf("contentSettings.cookies.get").length, 0);
});
