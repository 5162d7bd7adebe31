// The whole service worker over fake chrome APIs: webNavigation, content
// script and bridge messages, the native port, tabs, windows, alarms,
// notifications, storage.session persistence and a worker restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXTENSION_ID, HOST_EXITED, HOST_FORBIDDEN, HOST_MISSING, createFakeChrome } from "./support/fake-chrome.js";
import { CONFIG, CONNECT, CUSTOM_CCP, SIGN_IN_URL, startWorker } from "./support/worker-harness.js";
import { STALL_AFTER_MS } from "../../extension/lib/flow-stall.js";
import { ATTENTION_AFTER_MS } from "../../extension/lib/flow-attention.js";

const KEY = "agents-us";

function sender(tab, { frameId = 0, url = tab.url } = {}) {
  return { id: EXTENSION_ID, tab: { id: tab.id, windowId: tab.windowId, url: tab.url }, frameId, url };
}

async function message(h, msg, from) {
  const responses = [];
  h.chrome.runtime.onMessage.emit(msg, from, (r) => responses.push(r));
  await h.settle();
  return responses;
}

// A custom CCP tab with the bridge loaded, as after a page load.
async function customCcpTab(h) {
  const tab = h.chrome.test.openTab(CUSTOM_CCP);
  await message(h, { kind: "bridge-ready" }, sender(tab));
  return tab;
}

// The CCP iframe (frame 5) is redirected to /login, which refuses framing.
async function frameRedirectedToLogin(h, tab) {
  await h.chrome.test.navigate("onBeforeNavigate", { tabId: tab.id, frameId: 5, url: `${CONNECT}/ccp-v2` });
  await h.chrome.test.navigate("onErrorOccurred", {
    tabId: tab.id, frameId: 5, url: `${CONNECT}/login?redirect=%2Fccp-v2`, error: "net::ERR_BLOCKED_BY_RESPONSE",
  });
  await h.settle();
}

function helperTabId(h) {
  return h.flow().helper?.tabId;
}

async function reloginAndOpen(h, answer = {}) {
  await h.hostAnswers("expired", {
    type: "relogin", attempt: 1, correlationId: "c-1", profile: KEY, signInUrl: SIGN_IN_URL, returnUrl: CUSTOM_CCP, deadlineMs: h.clock.now() + 300_000, ...answer,
  });
  return helperTabId(h);
}

// The sign-in tab travels Entra → AWS → federate → the Connect CCP.
async function signInSucceeds(h, tabId) {
  for (const url of [
    SIGN_IN_URL,
    "https://login.microsoftonline.com/tid/saml2?SAMLRequest=x",
    "https://us-east-1.console.aws.amazon.com/connect/federate/178c75e4?destination=%2Fccp-v2&new_domain=true",
  ]) {
    await h.chrome.test.navigate("onCommitted", { tabId, url });
  }
  h.setProbe({ status: 200 });
  await h.chrome.test.navigate("onCommitted", { tabId, url: `${CONNECT}/ccp-v2` });
  await h.settle();
}

test("host missing: status, badge '!' and the install command; reconnect with back-off", async () => {
  const h = await startWorker({ welcome: false });
  const hello = h.port.sentOfType("hello")[0];
  assert.deepEqual({ ...hello, id: undefined }, {
    type: "hello", id: undefined, v: 1, browser: "chromium", extensionVersion: "0.1.0", policy: null,
  });
  h.port.close(HOST_MISSING);
  await h.settle();
  assert.equal(h.state().host.status, "missing");
  assert.equal(h.chrome.action.badge.text, "!");
  assert.match(h.chrome.action.badge.title, /not installed/);
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 1);
  await h.advance(999);
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 1, "not before the back-off");
  await h.advance(1);
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 2);
  h.chrome.test.lastPort().close(HOST_MISSING);
  await h.settle();
  assert.ok(h.chrome.test.alarms.has("host-reconnect"), "an alarm backs the timer up");
  await h.advance(1999);
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 2);
  await h.advance(1);
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 3, "doubled");
});

test("opening the popup tries a missing host at once instead of at the next back-off", async () => {
  const h = await startWorker({ welcome: false });
  h.port.close(HOST_MISSING);
  await h.settle();
  await h.advance(1000);
  h.chrome.test.lastPort().close(HOST_MISSING); // next try in 2 s
  await h.settle();
  const connects = () => h.chrome.test.callsOf("runtime.connectNative").length;
  assert.equal(connects(), 2);
  const popup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup/popup.html` };
  await message(h, { kind: "check-host" }, popup);
  assert.equal(connects(), 3, "the fix command may just have been run");
  h.chrome.test.lastPort().reply({ type: "welcome", v: 1, hostVersion: "0.1.0", config: CONFIG, problems: [] });
  await h.settle();
  assert.equal(h.state().host.status, "connected");
  await message(h, { kind: "check-host" }, popup);
  assert.equal(connects(), 3, "connected: nothing to do");
  const page = sender(h.chrome.test.openTab(CUSTOM_CCP));
  h.chrome.test.lastPort().close(HOST_MISSING);
  await h.settle();
  await message(h, { kind: "check-host" }, page);
  assert.equal(connects(), 3, "web pages can't make the worker spawn the host");
});

test("host forbidden and host refusing this extension ID", async () => {
  const h = await startWorker({ welcome: false });
  h.port.close(HOST_FORBIDDEN);
  await h.settle();
  assert.equal(h.state().host.status, "forbidden");
  await h.advance(1000);
  const port = h.chrome.test.lastPort();
  port.reply({ type: "error", code: "origin", message: "chrome-extension://x/ is not allowed" });
  port.close(HOST_EXITED);
  await h.settle();
  assert.equal(h.state().host.status, "refused");
  assert.equal(h.chrome.action.badge.text, "!");
});

test("a host that exits is reconnected and the back-off resets after a welcome", async () => {
  const h = await startWorker();
  assert.equal(h.state().host.status, "connected");
  assert.equal(h.state().host.hostVersion, "0.1.0");
  h.port.close(HOST_EXITED);
  await h.advance(1000);
  const port = h.chrome.test.lastPort();
  port.reply({ type: "welcome", v: 1, hostVersion: "0.1.1", config: CONFIG, problems: [] });
  await h.settle();
  port.close(HOST_EXITED);
  await h.settle();
  assert.deepEqual(h.clock.pendingDelays().filter((d) => d <= 1200), [1000], "back to the first delay");
});

test("hello carries the managed policy; a policy change says hello again", async () => {
  const chrome = createFakeChrome();
  chrome.storage.managed.data = { relogin: { mode: "window" } };
  const h = await startWorker({ chrome, welcome: false, brands: [{ brand: "Chromium" }, { brand: "Microsoft Edge" }] });
  const policies = () => h.port.sentOfType("hello").map((m) => m.policy);
  assert.deepEqual(policies(), [null, { relogin: { mode: "window" } }], "at once, then with the policy read");
  assert.equal(h.port.sentOfType("hello")[0].browser, "edge");
  chrome.storage.managed.replace({ relogin: { mode: "tab" } });
  await h.settle();
  assert.deepEqual(policies().slice(2), [{ relogin: { mode: "tab" } }], "same port, the new policy");
  assert.equal(h.chrome.test.callsOf("runtime.connectNative").length, 1);
  assert.deepEqual(h.state().policy, { relogin: { mode: "tab" } });
});

test("a slow managed-storage read does not hold hello back", async () => {
  const chrome = createFakeChrome();
  chrome.storage.managed.data = { relogin: { mode: "window" } };
  const release = chrome.storage.managed.holdReads();
  const h = await startWorker({ chrome, welcome: false, awaitStart: false });
  const policies = () => h.port.sentOfType("hello").map((m) => m.policy);
  assert.deepEqual(policies(), [null], "hello went out while the read is pending");
  chrome.storage.managed.replace({ relogin: { mode: "tab" } }); // a change during the read
  release();
  await h.settle();
  assert.deepEqual(policies().at(-1), { relogin: { mode: "tab" } }, "the last hello has the newest policy");
  const reconnects = h.chrome.test.callsOf("runtime.connectNative").length;
  assert.equal(reconnects, 1);
});

test("no policy: one hello, no second one", async () => {
  const h = await startWorker({ welcome: false });
  assert.equal(h.port.sentOfType("hello").length, 1);
});

test("welcome: detection config for content scripts, the bridge on the custom-CCP origin", async () => {
  const chrome = createFakeChrome();
  const open = chrome.test.openTab(`${CUSTOM_CCP}?agent=1`);
  chrome.test.openTab("https://unrelated.example.com/");
  const h = await startWorker({ chrome });
  assert.deepEqual(chrome.storage.local.data.detection, {
    phrases: ["Session expired"], loginPaths: ["/login", "/connect/login", "/connect/auth/refresh"],
  });
  assert.deepEqual(chrome.scripting.registered.get("ccp-relogin-bridge"), {
    id: "ccp-relogin-bridge", matches: ["https://agents.example.com/*"], js: ["content/bridge.js"],
    runAt: "document_start", allFrames: false, persistAcrossSessions: true,
  });
  assert.deepEqual(h.chrome.test.callsOf("scripting.executeScript"), [[{ target: { tabId: open.id }, files: ["content/bridge.js"] }]]);
});

// The custom CCP's frame expired and the product signed the agent in again: the flow is idle.
async function signedInAgainOnCustomCcp(h) {
  const ccp = await customCcpTab(h);
  h.chrome.test.setTabMessageHandler(async () => ({ reloaded: 1 }));
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await signInSucceeds(h, helper);
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  return ccp;
}

test("refused CCP frame → sign-in tab → landed → back to the custom CCP, its frame reloaded by the bridge", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  h.chrome.test.setTabMessageHandler(async (tabId, msg) => (tabId === ccp.id && msg.kind === "reload-ccp-frame" ? { reloaded: 1 } : undefined));
  await frameRedirectedToLogin(h, ccp);

  const expired = h.lastSent("expired");
  assert.deepEqual({ ...expired, id: undefined }, {
    type: "expired", id: undefined, tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/login`, signal: "login-page", evidence: "/login",
  });
  assert.equal(h.chrome.action.badge.text, "?");

  const helper = await reloginAndOpen(h);
  assert.ok(helper && helper !== ccp.id);
  assert.deepEqual(h.chrome.test.callsOf("tabs.create")[0], [{ url: "about:blank", active: false, windowId: ccp.windowId }]);
  assert.deepEqual(h.chrome.test.callsOf("tabs.update").at(-1), [helper, { url: SIGN_IN_URL }]);
  assert.equal(h.chrome.action.badge.text, "in");

  await signInSucceeds(h, helper);
  assert.deepEqual({ ...h.lastSent("landed"), id: undefined }, { type: "landed", id: undefined, correlationId: "c-1", url: `${CONNECT}/ccp-v2` });
  assert.equal(h.fetchCalls.at(-1).url, `${CONNECT}/auth/authorize`);
  assert.equal(h.fetchCalls.at(-1).init.credentials, "include");

  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(h.chrome.test.tabs.has(helper), false, "sign-in tab closed");
  assert.equal(h.chrome.test.tabs.get(ccp.id).active, true, "the custom CCP stayed in front");
  assert.deepEqual(h.chrome.test.callsOf("windows.update"), [], "no window was focused");
  assert.deepEqual(h.chrome.test.callsOf("tabs.sendMessage").at(-1), [ccp.id, { kind: "reload-ccp-frame", connectOrigin: CONNECT }, { frameId: 0 }]);
  assert.deepEqual(h.chrome.test.callsOf("tabs.reload"), [], "only the frame, not the page");
  assert.equal(h.flow().phase, "idle");
  assert.equal(h.chrome.action.badge.text, "");
  const log = h.worker.debug.log().map((e) => e.text).join("\n");
  assert.doesNotMatch(log, /SAMLRequest|RelayState|SAMLResponse/, "no secrets in the debug log");
});

test("the Connect CCP itself redirected to /login: the tab goes to the landing page afterwards", async () => {
  const h = await startWorker();
  const tab = h.chrome.test.openTab(`${CONNECT}/login`);
  await h.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/login` });
  await h.settle();
  // The content script in that page reports it too: one flow, one `expired`.
  await message(h, { kind: "page-signal", signal: "login-page", category: "expiry", evidence: "/login" }, sender(tab));
  assert.equal(h.chrome.test.lastPort().sentOfType("expired").length, 1);
  const helper = await reloginAndOpen(h);
  await signInSucceeds(h, helper);
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(h.chrome.test.callsOf("tabs.update").at(-1), [tab.id, { url: `${CONNECT}/ccp-v2` }]);
});

test("a text hint is confirmed by the session probe; a contradicted one is only logged", async () => {
  const h = await startWorker({ probe: { status: 200 } });
  const tab = h.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  const hint = { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" };
  await message(h, hint, sender(tab));
  assert.equal(h.lastSent("expired"), undefined, "signed in: not acted on");
  assert.match(h.state().lastEvent.text, /probe says signed-in: ignored/);

  h.setProbe({ status: 401 });
  const tab2 = h.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await message(h, hint, sender(tab2));
  assert.equal(h.lastSent("expired").signal, "text");
  assert.equal(h.lastSent("expired").evidence, "Session expired");
});

test("probe unknown: acts by default, not with onUnknown=ignore", async () => {
  const acting = await startWorker({ probe: { status: 500 } });
  const t = acting.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await message(acting, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, sender(t));
  assert.ok(acting.lastSent("expired"));

  const config = structuredClone(CONFIG);
  config.detection.probe = { onUnknown: "ignore" };
  const ignoring = await startWorker({ probe: { error: "Failed to fetch" }, config });
  const t2 = ignoring.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await message(ignoring, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, sender(t2));
  assert.equal(ignoring.lastSent("expired"), undefined);
});

test("the worker restarts mid-flow: state from storage.session, alarms, the sign-in completes", async () => {
  const chrome = createFakeChrome();
  const h1 = await startWorker({ chrome });
  const ccp = await customCcpTab(h1);
  await frameRedirectedToLogin(h1, ccp);
  const helper = await reloginAndOpen(h1);
  assert.equal(chrome.storage.session.data.state.flows[KEY].phase, "signing-in");

  // The worker dies: its listeners and port go away, storage and alarms stay.
  for (const area of Object.values(chrome)) {
    for (const value of Object.values(area ?? {})) if (value?.listeners) value.listeners = [];
  }
  chrome.runtime.onMessage.listeners = [];
  chrome.test.lastPort().open = false;

  const h2 = await startWorker({ chrome, clock: h1.clock });
  assert.equal(h2.flow().phase, "signing-in");
  assert.equal(h2.flow().helper.tabId, helper);
  await signInSucceeds(h2, helper);
  assert.equal(h2.lastSent("landed").correlationId, "c-1");
  await h2.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(h2.flow().phase, "idle");
  assert.equal(chrome.test.tabs.has(helper), false);
});

test("timeouts run from chrome.alarms even when the worker's timer is gone", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  // Entra's sign-in page, parsed, waits for the agent: the stall check that
  // the navigation armed finds nothing to do and arms the deadline.
  assert.equal(h.chrome.test.alarms.get(`flow:${KEY}`).scheduledTime, h.clock.now() + STALL_AFTER_MS);
  const entraPage = "https://login.microsoftonline.com/tid/saml2?SAMLRequest=x";
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: entraPage });
  await h.chrome.test.navigate("onDOMContentLoaded", { tabId: helper, url: entraPage });
  // …and is brought to the front after ATTENTION_AFTER_MS (flow-attention.js).
  await h.settle();
  assert.equal(h.chrome.test.alarms.get(`flow:${KEY}`).scheduledTime, h.clock.now() + ATTENTION_AFTER_MS);
  h.clock.jump(STALL_AFTER_MS);
  h.chrome.test.fireAlarm(`flow:${KEY}`);
  await h.settle();
  assert.equal(h.chrome.test.tabs.get(helper).active, true, "the page that waits for the agent is in front");
  assert.equal(h.chrome.test.alarms.get(`flow:${KEY}`).scheduledTime, h.clock.now() + 300_000 - STALL_AFTER_MS);
  assert.deepEqual(h.port.sentOfType("sign-in-stalled"), [], "a parsed page is not stalled");
  // The worker slept through the deadline (its timers died); the alarm fires.
  h.clock.jump(300_000 - STALL_AFTER_MS);
  h.chrome.test.fireAlarm(`flow:${KEY}`);
  await h.settle();
  assert.equal(h.lastSent("failed").stage, "timeout");
});

test("never drop a live call: the CCP frame reloads only after contact-end", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  h.chrome.test.setTabMessageHandler(async () => ({ reloaded: 1 }));
  await message(h, { kind: "bridge-event", type: "contact-start", contactId: "ct-1" }, sender(ccp));
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await signInSucceeds(h, helper);
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(h.flow().phase, "returning");
  assert.equal(h.chrome.action.badge.text, "call");
  assert.equal(h.chrome.test.tabs.has(helper), false, "sign-in tab closed anyway");
  assert.deepEqual(h.chrome.test.callsOf("tabs.sendMessage"), []);
  await message(h, { kind: "bridge-event", type: "contact-end", contactId: "ct-1" }, sender(ccp));
  assert.equal(h.chrome.test.callsOf("tabs.sendMessage").length, 1);
  assert.equal(h.flow().phase, "idle");
});

test("Streams bridge: auth-fail is an expiry signal; other origins' messages are ignored", async () => {
  const h = await startWorker();
  const stranger = h.chrome.test.openTab("https://evil.example.com/ccp");
  await message(h, { kind: "bridge-event", type: "auth-fail", frameSrc: `${CONNECT}/ccp-v2` }, sender(stranger));
  await message(h, { kind: "bridge-event", type: "contact-start", contactId: "x" }, sender(stranger));
  assert.equal(h.lastSent("expired"), undefined);
  assert.deepEqual(h.state().contacts, {});

  const ccp = await customCcpTab(h);
  await message(h, { kind: "bridge-event", type: "auth-fail", frameSrc: `${CONNECT}/ccp-v2` }, sender(ccp, { frameId: 3 }));
  assert.equal(h.lastSent("expired"), undefined, "top frame only");
  await message(h, { kind: "bridge-event", type: "auth-fail", frameSrc: `${CONNECT}/ccp-v2` }, sender(ccp));
  assert.deepEqual({ ...h.lastSent("expired"), id: undefined }, {
    type: "expired", id: undefined, tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/ccp-v2`, signal: "streams", evidence: "onAuthFail",
  });
});

test("Streams bridge: agent-logout (Streams' TERMINATED) signs the agent out, and ends the sign-in that logout's expiry started", async () => {
  const h = await startWorker();
  const stranger = h.chrome.test.openTab("https://evil.example.com/ccp");
  await message(h, { kind: "bridge-event", type: "agent-logout", frameSrc: `${CONNECT}/ccp-v2` }, sender(stranger));
  assert.equal(h.flow(), undefined, "only a configured custom CCP speaks for the agent");

  // A custom CCP that logs out by fetch: its frame shows the expiry first, the bridge says why.
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await message(h, { kind: "bridge-event", type: "agent-logout", frameSrc: `${CONNECT}/ccp-v2` }, sender(ccp));
  assert.equal(h.flow().phase, "signed-out");
  assert.equal(h.flow().signOut.cause, "logout");
  assert.equal(h.chrome.test.tabs.has(helper), false, "the sign-in tab is closed");
  assert.deepEqual({ ...h.lastSent("failed"), id: undefined }, {
    type: "failed", id: undefined, correlationId: "c-1", stage: "cancelled", url: "", evidence: "the agent logged out",
  });
  assert.deepEqual(h.port.sentOfType("session").map((m) => [m.event, m.outcome]), [["sign-out-respected", "agent-logout"]]);
  const expiredBefore = h.port.sentOfType("expired").length;
  await frameRedirectedToLogin(h, ccp);
  assert.equal(h.port.sentOfType("expired").length, expiredBefore, "the next expiry is left alone");
});

test("network down in the sign-in tab: retry with back-off and when the network returns", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  const navigations = () => h.chrome.test.callsOf("tabs.update").filter(([id, p]) => id === helper && p.url === SIGN_IN_URL).length;
  assert.equal(navigations(), 1);
  await h.chrome.test.navigate("onErrorOccurred", { tabId: helper, url: SIGN_IN_URL, error: "net::ERR_INTERNET_DISCONNECTED" });
  await h.settle();
  assert.equal(h.lastSent("failed"), undefined);
  assert.equal(h.chrome.action.badge.text, "off");
  await h.advance(5000);
  assert.equal(navigations(), 2, "retried after the back-off");
  await h.chrome.test.navigate("onErrorOccurred", { tabId: helper, url: SIGN_IN_URL, error: "net::ERR_NAME_NOT_RESOLVED" });
  await h.settle();
  h.scope.dispatchEvent(new Event("online"));
  await h.settle();
  assert.equal(navigations(), 3, "retried when the browser came back online");
  await signInSucceeds(h, helper);
  assert.ok(h.lastSent("landed"));
});

test("an Entra error fails the attempt at once, with the code and no query", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await h.chrome.test.navigate("onCommitted", {
    tabId: helper, url: "https://login.microsoftonline.com/tid/saml2?error=AADSTS50105&SAMLRequest=secret",
  });
  await h.settle();
  assert.deepEqual({ ...h.lastSent("failed"), id: undefined }, {
    type: "failed", id: undefined, correlationId: "c-1", stage: "entra",
    url: "https://login.microsoftonline.com/tid/saml2", evidence: "AADSTS50105",
  });
});

test("an IdP error page's text in the sign-in tab fails the attempt", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: "https://login.microsoftonline.com/tid/saml2" });
  const helperTab = { id: helper, windowId: ccp.windowId, url: "https://login.microsoftonline.com/tid/saml2" };
  await message(h, { kind: "page-signal", signal: "text", category: "idp-error", evidence: "AADSTS700016" }, sender(helperTab));
  assert.equal(h.lastSent("failed").evidence, "idp-error: AADSTS700016");
});

test("stop: notification with a button, badge, and 'Sign in again' from the notification or popup", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  await h.hostAnswers("expired", { type: "stop", reason: "loop", diagnosis: "Session expired right after a login." });
  assert.equal(h.chrome.action.badge.text, "stop");
  const [[id, options]] = h.chrome.test.callsOf("notifications.create");
  assert.equal(id, `stop:${KEY}`);
  assert.equal(options.message, "Session expired right after a login.");
  assert.deepEqual(options.buttons, [{ title: "Sign in again" }]);

  const before = h.chrome.test.lastPort().sentOfType("expired").length;
  h.chrome.notifications.onButtonClicked.emit(`stop:${KEY}`, 0);
  await h.settle();
  assert.equal(h.chrome.test.lastPort().sentOfType("expired").length, before + 1);
  assert.equal(h.flow().phase, "detected");

  await h.hostAnswers("expired", { type: "stop", reason: "loop", diagnosis: "again" });
  const popup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup/popup.html` };
  const replies = await message(h, { kind: "sign-in-again", key: KEY }, popup);
  assert.deepEqual(replies, [{ ok: true }]);
  assert.equal(h.chrome.test.lastPort().sentOfType("expired").length, before + 2);

  await h.hostAnswers("expired", { type: "stop", reason: "loop", diagnosis: "again" });
  await message(h, { kind: "sign-in-again", key: KEY }, sender(ccp));
  assert.equal(h.chrome.test.lastPort().sentOfType("expired").length, before + 2, "pages can't press the button");
});

test("force-relogin from the host brings back the open custom CCP tab", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  h.chrome.test.lastPort().reply({ type: "force-relogin", profile: KEY, reason: "ticket 42" });
  await h.settle();
  const expired = h.lastSent("expired");
  assert.equal(expired.signal, "text");
  assert.equal(expired.evidence, "forced: ticket 42");
  assert.equal(expired.profile, KEY);
  assert.equal(expired.tabUrl, CUSTOM_CCP);
  assert.equal(h.flow().hint.tabId, ccp.id);
});

test("window mode opens a small popup window and closes it afterwards", async () => {
  const config = structuredClone(CONFIG);
  config.relogin.mode = "window";
  const h = await startWorker({ config });
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  const [[created]] = h.chrome.test.callsOf("windows.create");
  assert.equal(created.type, "popup");
  assert.equal(created.url, "about:blank");
  const windowId = h.flow().helper.windowId;
  await signInSucceeds(h, helper);
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(h.chrome.test.callsOf("windows.remove"), [[windowId]]);
  assert.equal(h.chrome.test.windows.has(windowId), false);
});

test("the agent's own sign-out stays signed out, also across a worker restart, until the agent signs in by hand", async () => {
  const h = await startWorker();
  const tab = h.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await h.chrome.test.navigate("onBeforeNavigate", { tabId: tab.id, url: `${CONNECT}/logout` });
  await h.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/login` });
  await h.settle();
  assert.equal(h.lastSent("expired"), undefined);
  assert.equal(h.flow().phase, "signed-out");
  assert.deepEqual(h.port.sentOfType("session").map((m) => [m.event, m.outcome]), [["sign-out-respected", "agent-logout"]]);
  // The worker dies: its listeners and port go away, storage stays.
  for (const area of Object.values(h.chrome)) {
    for (const value of Object.values(area ?? {})) if (value?.listeners) value.listeners = [];
  }
  h.chrome.runtime.onMessage.listeners = [];
  h.chrome.test.lastPort().open = false;
  const restarted = await startWorker({ chrome: h.chrome, clock: h.clock });
  await restarted.advance(3_600_000);
  await restarted.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/login` });
  await restarted.settle();
  assert.equal(restarted.lastSent("expired"), undefined, "an hour later, after a restart: still signed out");
  // A Connect page alone is no sign-in: Chromium reports the federate step
  // only as a server redirect, so the sign-in shows as the SAML post to AWS
  // and the page the same tab lands on.
  await restarted.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/ccp-v2` });
  await restarted.settle();
  assert.equal(restarted.flow().phase, "signed-out", "a page that was not preceded by a sign-in ends nothing");
  const other = restarted.chrome.test.openTab("about:blank");
  await restarted.chrome.test.navigate("onBeforeNavigate", { tabId: other.id, url: "https://us-east-1.signin.aws.amazon.com/saml" });
  await restarted.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/ccp-v2` });
  await restarted.settle();
  assert.equal(restarted.flow().phase, "signed-out", "the post and the landing belong to one tab");
  await restarted.chrome.test.navigate("onBeforeNavigate", { tabId: tab.id, url: "https://us-east-1.signin.aws.amazon.com/saml" });
  await restarted.chrome.test.navigate("onCommitted", { tabId: tab.id, url: `${CONNECT}/ccp-v2` });
  await restarted.settle();
  assert.equal(restarted.flow().phase, "idle");
  assert.equal(restarted.flow().sessionStartedAt, restarted.clock.now());
});

test("a due refresh asks chrome.idle first, through the alarm and through the timer: not while the agent is away", async () => {
  const config = { ...structuredClone(CONFIG), session: { maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 } };
  const h = await startWorker({ config });
  await signedInAgainOnCustomCcp(h);
  const expiredBefore = h.port.sentOfType("expired").length;
  h.chrome.idle.state = "idle";
  await h.advance(20_000); // the timer
  await h.chrome.test.fireAlarm("refresh:agents-us"); // and the alarm, as after a worker restart
  await h.settle();
  assert.equal(h.port.sentOfType("expired").length, expiredBefore, "no refresh for an agent who is away");
  assert.ok(h.chrome.test.callsOf("idle.queryState").length >= 2);
  h.chrome.idle.state = "active";
  await h.advance(30_000);
  assert.equal(h.port.sentOfType("expired").length, expiredBefore + 1, "back at the desk: the refresh starts");
  assert.match(h.lastSent("expired").evidence, /^refresh: /);
});

test("pages that are not Connect never start anything", async () => {
  const h = await startWorker();
  const tab = h.chrome.test.openTab("https://acme.my.connect.aws.evil.com/login");
  await h.chrome.test.navigate("onCommitted", { tabId: tab.id, url: "https://acme.my.connect.aws.evil.com/login" });
  await h.chrome.test.navigate("onCommitted", { tabId: tab.id, url: "https://agents.example.com/login" });
  await h.settle();
  assert.equal(h.lastSent("expired"), undefined);
});

test("frames: a signal from the CCP iframe names the custom-CCP tab and the Connect frame", async () => {
  const h = await startWorker({ probe: { status: 401 } });
  const ccp = await customCcpTab(h);
  await message(h, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Sitzung abgelaufen" },
    sender(ccp, { frameId: 7, url: `${CONNECT}/ccp-v2?lang=de` }));
  assert.deepEqual({ ...h.lastSent("expired"), id: undefined }, {
    type: "expired", id: undefined, tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/ccp-v2`, signal: "text", evidence: "Sitzung abgelaufen",
  });
  assert.equal(h.flow().hint.frameId, 7);
  assert.equal(h.flow().hint.tabId, ccp.id);
});

test("a custom CCP in a popup window: the sign-in tab opens in a normal window", async () => {
  const h = await startWorker();
  const popupWindow = h.chrome.test.openWindow("popup");
  const ccp = h.chrome.test.openTab(CUSTOM_CCP, { windowId: popupWindow.id });
  await message(h, { kind: "bridge-ready" }, sender(ccp));
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  assert.ok(helper);
  assert.notEqual(h.chrome.test.tabs.get(helper).windowId, popupWindow.id);
  assert.deepEqual(h.chrome.test.callsOf("tabs.create").map(([p]) => p.windowId), [popupWindow.id, undefined]);
});

test("after a browser restart, the last known configuration matches pages before the host answers", async () => {
  const chrome = createFakeChrome();
  const first = await startWorker({ chrome });
  assert.deepEqual(chrome.storage.local.data.lastWelcome, CONFIG);
  first.chrome.test.lastPort().open = false;
  const restarted = createFakeChrome();
  restarted.storage.local.data = structuredClone(chrome.storage.local.data); // session storage is gone
  const h = await startWorker({ chrome: restarted, welcome: false });
  const tab = h.chrome.test.openTab(`${CONNECT}/login`);
  await message(h, { kind: "page-signal", signal: "login-page", category: "expiry", evidence: "/login" }, sender(tab));
  assert.equal(h.flow(KEY)?.phase, "detected");
});

test("the sign-in tab: a Connect login page after federation, a fatal error, a signed-out landing", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  h.setProbe({ status: 200, redirected: true, url: `${CONNECT}/login` }); // signed out after all
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: `${CONNECT}/ccp-v2` });
  await h.settle();
  assert.equal(h.lastSent("landed"), undefined, "the probe says signed out: not landed");
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: `${CONNECT}/login?x=1` });
  await h.settle();
  assert.deepEqual({ ...h.lastSent("failed"), id: undefined }, {
    type: "failed", id: undefined, correlationId: "c-1", stage: "connect", url: `${CONNECT}/login`,
    evidence: "Connect login page /login after sign-in (session signed-out)",
  });

  await h.hostAnswers("failed", { type: "relogin", attempt: 2, correlationId: "c-2", profile: KEY, signInUrl: SIGN_IN_URL, returnUrl: CUSTOM_CCP, deadlineMs: h.clock.now() + 300_000 });
  await h.chrome.test.navigate("onErrorOccurred", { tabId: helper, url: "https://signin.aws.amazon.com/saml", error: "net::ERR_CERT_AUTHORITY_INVALID" });
  await h.settle();
  const failed = h.lastSent("failed");
  assert.deepEqual([failed.correlationId, failed.stage, failed.evidence], ["c-2", "aws-signin", "net::ERR_CERT_AUTHORITY_INVALID"]);
  await h.chrome.test.navigate("onErrorOccurred", { tabId: helper, url: SIGN_IN_URL, error: "net::ERR_ABORTED" });
  await h.settle();
  assert.equal(h.chrome.test.lastPort().sentOfType("failed").length, 2, "aborted navigations are not failures");
});

test("after the stop back-off the expired page is checked again (probe first)", async () => {
  const h = await startWorker({ probe: { status: 401 } });
  const tab = h.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await message(h, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, sender(tab));
  await h.hostAnswers("expired", { type: "stop", reason: "attempts-exhausted", diagnosis: "3 attempts in 15 minutes", untilMs: h.clock.now() + 60_000 });
  const sent = () => h.chrome.test.lastPort().sentOfType("expired").length;
  assert.equal(sent(), 1);
  await h.advance(60_000);
  assert.equal(h.flow().phase, "detected");
  assert.equal(sent(), 2, "the same page reported again");
  await h.hostAnswers("expired", { type: "stop", reason: "attempts-exhausted", diagnosis: "again", untilMs: h.clock.now() + 60_000 });
  h.setProbe({ status: 200 }); // the agent signed in by hand meanwhile
  await h.advance(60_000);
  assert.equal(sent(), 2);
  assert.equal(h.flow().phase, "idle");
});

test("bringing back a Connect CCP tab that is not on a login page reloads it", async () => {
  const h = await startWorker({ probe: { status: 401 } });
  const tab = h.chrome.test.openTab(`${CONNECT}/ccp-v2`);
  await message(h, { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired" }, sender(tab));
  const helper = await reloginAndOpen(h);
  await signInSucceeds(h, helper);
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(h.chrome.test.callsOf("tabs.reload"), [[tab.id]]);
});

test("the same frame back on the login page right after a login reaches the host (a session that doesn't stick)", async () => {
  const h = await startWorker();
  const ccp = await signedInAgainOnCustomCcp(h);
  await h.advance(2000);
  await frameRedirectedToLogin(h, ccp); // the reloaded frame has no session (cookies allowed: the host's loop diagnosis)
  assert.equal(h.chrome.test.lastPort().sentOfType("expired").length, 2);
  await h.hostAnswers("expired", { type: "stop", reason: "loop", diagnosis: "The browser blocks third-party cookies for acme.my.connect.aws." });
  assert.equal(h.flow().phase, "stopped");
});

test("the sign-in tab's top-frame navigations are its progress; about:blank and subframes are not", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  const activity = () => h.flow().tabActivity;
  const page = "https://login.microsoftonline.com/tid/saml2";
  await h.chrome.test.navigate("onDOMContentLoaded", { tabId: helper, url: "about:blank" });
  await h.chrome.test.navigate("onDOMContentLoaded", { tabId: helper, frameId: 3, url: page });
  await h.settle();
  assert.equal(activity().state, "loading", "still the product's own navigation");
  await h.chrome.test.navigate("onBeforeNavigate", { tabId: helper, url: page });
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: page });
  await h.settle();
  assert.equal(activity().state, "loading");
  await h.chrome.test.navigate("onDOMContentLoaded", { tabId: helper, url: page });
  await h.settle();
  assert.equal(activity().state, "settled");
  assert.equal(h.flow().lastUrl, page);
});

test("a stalled sign-in tab is navigated again through chrome.tabs and reported on the port", async () => {
  const h = await startWorker();
  const ccp = await customCcpTab(h);
  await frameRedirectedToLogin(h, ccp);
  const helper = await reloginAndOpen(h);
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: "https://login.microsoftonline.com/tid/saml2" });
  await h.settle();
  const updates = () => h.chrome.test.callsOf("tabs.update").filter(([id, props]) => id === helper && props.url === SIGN_IN_URL);
  const before = updates().length;
  await h.clock.advance(STALL_AFTER_MS);
  await h.settle();
  assert.equal(updates().length, before + 1, "navigated to the sign-in URL again");
  const [report] = h.port.sentOfType("sign-in-stalled");
  assert.deepEqual({ ...report, id: undefined }, {
    type: "sign-in-stalled", id: undefined, correlationId: "c-1",
    url: "https://login.microsoftonline.com/tid/saml2", renavigation: 1, quietMs: STALL_AFTER_MS,
  });
});
