// Streams' own login popup (lib/login-popup-guard.js, worker/login-popup-guard.js):
// while a flow signs in and for a while after it landed, the custom CCP's
// windows towards the sign-in are blocked by session rules and closed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXTENSION_ID, createFakeChrome } from "./support/fake-chrome.js";
import { CONNECT, CUSTOM_CCP, SIGN_IN_URL, startWorker } from "./support/worker-harness.js";
import { LOGIN_POPUP_TAIL_MS, guardOfBlockedNavigation, sessionRules } from "../../extension/lib/login-popup-guard.js";
import { POPUP_GUARD_ALARM } from "../../extension/worker/login-popup-guard.js";

const KEY = "agents-us";
// What a company sets as Streams' loginUrl: the Entra app, without our relay state.
const STREAMS_LOGIN_URL = "https://launcher.myapps.microsoft.com/api/signin/11111111-2222-3333-4444-555555555555?tenantId=t";
const BLOCKED = "net::ERR_BLOCKED_BY_CLIENT";

const sender = (tab) => ({ id: EXTENSION_ID, tab: { id: tab.id, windowId: tab.windowId, url: tab.url }, frameId: 0, url: tab.url });

async function expiredCustomCcp(h) {
  const tab = h.chrome.test.openTab(CUSTOM_CCP);
  h.chrome.runtime.onMessage.emit({ kind: "bridge-ready" }, sender(tab), () => {});
  await h.settle();
  await h.chrome.test.navigate("onBeforeNavigate", { tabId: tab.id, frameId: 5, url: `${CONNECT}/ccp-v2` });
  await h.chrome.test.navigate("onErrorOccurred", { tabId: tab.id, frameId: 5, url: `${CONNECT}/login`, error: "net::ERR_BLOCKED_BY_RESPONSE" });
  await h.settle();
  await h.hostAnswers("expired", {
    type: "relogin", attempt: 1, correlationId: "c-1", profile: KEY, signInUrl: SIGN_IN_URL, returnUrl: CUSTOM_CCP, deadlineMs: h.clock.now() + 300_000,
  });
  return tab;
}

// Streams opens its window (a popup window, as with loginOptions) and navigates it to loginUrl.
async function streamsOpensItsWindow(h, url = STREAMS_LOGIN_URL, error = BLOCKED) {
  const win = h.chrome.test.openWindow("popup");
  const popup = h.chrome.test.openTab("about:blank", { windowId: win.id });
  await h.chrome.test.navigate("onErrorOccurred", { tabId: popup.id, url, error });
  await h.settle();
  return popup;
}

async function landed(h) {
  const helper = h.flow().helper.tabId;
  h.setProbe({ status: 200 });
  await h.chrome.test.navigate("onCommitted", { tabId: helper, url: `${CONNECT}/ccp-v2` });
  await h.settle();
  await h.hostAnswers("landed", { type: "return", correlationId: "c-1", url: CUSTOM_CCP });
}

const rules = (h) => h.chrome.declarativeNetRequest.sessionRules;

test("signing in: the custom CCP's top-level navigations towards Entra and the Connect login are blocked, outside the flow's tabs", async () => {
  const h = await startWorker();
  const ccp = await expiredCustomCcp(h);
  const [entra, connectLogin] = rules(h);
  assert.deepEqual(entra.action, { type: "block" });
  assert.deepEqual(entra.condition.resourceTypes, ["main_frame"]);
  assert.deepEqual(entra.condition.initiatorDomains, ["agents.example.com"], "only what the configured custom CCP starts");
  assert.ok(entra.condition.requestDomains.includes("launcher.myapps.microsoft.com"));
  assert.ok(entra.condition.requestDomains.includes("login.microsoftonline.com"));
  assert.ok(entra.condition.excludedTabIds.includes(ccp.id), "the custom CCP's own tab is never blocked");
  assert.deepEqual(connectLogin.condition.requestDomains, ["acme.my.connect.aws"]);
  const regex = new RegExp(connectLogin.condition.regexFilter);
  assert.ok(regex.test(`${CONNECT}/login?redirect=x`) && regex.test(`${CONNECT}/connect/login`));
  assert.ok(!regex.test(`${CONNECT}/ccp-v2`) && !regex.test(`${CONNECT}/login-help`), "only the login page");
});

test("Streams' window, blocked, is closed; the flow's own tabs and other errors are left alone", async () => {
  const h = await startWorker();
  const ccp = await expiredCustomCcp(h);
  const popup = await streamsOpensItsWindow(h);
  assert.equal(h.chrome.test.tabs.has(popup.id), false, "the blocked login window is closed");
  assert.equal(h.chrome.test.windows.has(popup.windowId), false);
  assert.match(h.worker.debug.log().map((e) => e.text).join("\n"), /closed the login window the custom CCP opened/);

  const offline = await streamsOpensItsWindow(h, STREAMS_LOGIN_URL, "net::ERR_INTERNET_DISCONNECTED");
  assert.ok(h.chrome.test.tabs.has(offline.id), "a window that failed for another reason is not ours to close");
  const elsewhere = await streamsOpensItsWindow(h, "https://crm.example.com/", BLOCKED);
  assert.ok(h.chrome.test.tabs.has(elsewhere.id), "a block towards another host is not ours");
  await h.chrome.test.navigate("onErrorOccurred", { tabId: ccp.id, url: STREAMS_LOGIN_URL, error: BLOCKED });
  await h.settle();
  assert.ok(h.chrome.test.tabs.has(ccp.id), "the custom CCP tab is never closed");
  assert.equal(h.flow().phase, "signing-in", "the sign-in goes on");
});

test("after landing the guard stays for the tail (Streams opens its window seconds later), then goes", async () => {
  const h = await startWorker();
  await expiredCustomCcp(h);
  await landed(h);
  assert.equal(h.flow().phase, "idle");
  assert.equal(rules(h).length, 2, "still guarded right after landing");
  await h.advance(LOGIN_POPUP_TAIL_MS - 1000);
  const late = await streamsOpensItsWindow(h);
  assert.equal(h.chrome.test.tabs.has(late.id), false, "a window 29 s after landing is still closed");
  await h.advance(2000);
  await h.chrome.test.fireAlarm(POPUP_GUARD_ALARM);
  await h.settle();
  assert.deepEqual(rules(h), [], "the rules end with the tail");
  const afterwards = await streamsOpensItsWindow(h);
  assert.ok(h.chrome.test.tabs.has(afterwards.id), "afterwards the custom CCP's windows are its own");
});

test("a stopped sign-in ends the guard at once: Streams' popup is the agent's way in again", async () => {
  const h = await startWorker();
  await expiredCustomCcp(h);
  assert.equal(rules(h).length, 2);
  await h.chrome.test.navigate("onCommitted", { tabId: h.flow().helper.tabId, url: "https://login.microsoftonline.com/tid/saml2?error=AADSTS50105" });
  await h.settle();
  await h.hostAnswers("failed", { type: "stop", reason: "entra-error", diagnosis: "AADSTS50105: the agent is not assigned to the app." });
  assert.equal(h.flow().phase, "stopped");
  assert.deepEqual(rules(h), []);
  const popup = await streamsOpensItsWindow(h);
  assert.ok(h.chrome.test.tabs.has(popup.id));
});

test("a restarted worker rebuilds the same guard from storage.session and still closes the window", async () => {
  const chrome = createFakeChrome();
  const h1 = await startWorker({ chrome });
  await expiredCustomCcp(h1);
  const before = structuredClone(rules(h1));
  for (const area of Object.values(chrome)) {
    for (const value of Object.values(area ?? {})) if (value?.listeners) value.listeners = [];
  }
  chrome.runtime.onMessage.listeners = [];
  chrome.test.lastPort().open = false;
  const h2 = await startWorker({ chrome, clock: h1.clock });
  assert.deepEqual(rules(h2), before);
  const popup = await streamsOpensItsWindow(h2);
  assert.equal(chrome.test.tabs.has(popup.id), false);
});

test("rules: none for guards past their end, two for each live one, ids apart", () => {
  const guard = (until) => ({
    initiators: ["agents.example.com"], signInHosts: ["login.microsoftonline.com"], connectHost: "acme.my.connect.aws",
    loginPaths: ["/login"], ownTabs: [], until,
  });
  const built = sessionRules({ a: guard(2000), b: guard(500), c: guard(3000) }, 1000);
  assert.deepEqual(built.map((r) => r.id), [1000, 1001, 1002, 1003]);
  assert.equal(built[0].condition.excludedTabIds, undefined, "no empty excludedTabIds (Chrome refuses it)");
  assert.equal(guardOfBlockedNavigation({ b: guard(500) }, { frameId: 0, tabId: 1, url: "https://login.microsoftonline.com/", error: BLOCKED }, 1000), null);
  assert.equal(guardOfBlockedNavigation({ a: guard(2000) }, { frameId: 3, tabId: 1, url: "https://login.microsoftonline.com/", error: BLOCKED }, 1000), null, "a subframe is no window");
  assert.equal(guardOfBlockedNavigation({ a: guard(2000) }, { frameId: 0, tabId: 1, url: "https://evil-login.microsoftonline.com.example/", error: BLOCKED }, 1000), null);
  assert.equal(guardOfBlockedNavigation({ a: guard(2000) }, { frameId: 0, tabId: 1, url: "https://acme.my.connect.aws/login", error: BLOCKED }, 1000), "a");
  assert.equal(guardOfBlockedNavigation({ a: guard(2000) }, { frameId: 0, tabId: 1, url: "https://acme.my.connect.aws/ccp-v2", error: BLOCKED }, 1000), null);
});
