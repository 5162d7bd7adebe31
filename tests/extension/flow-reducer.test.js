// The state machine, transition by transition (lib/flow-reducer.js is pure:
// events in, state and effects out).
import { test } from "node:test";
import assert from "node:assert/strict";
import { reduce } from "../../extension/lib/flow-reducer.js";
import { HOST_REPLY_TIMEOUT_MS, initialState } from "../../extension/lib/flow-state.js";
import { CONFIG, CONNECT, CUSTOM_CCP, SIGN_IN_URL } from "./support/worker-harness.js";
import { STALL_AFTER_MS } from "../../extension/lib/flow-stall.js";
import { ATTENTION_AFTER_MS } from "../../extension/lib/flow-attention.js";
import { IDLE_RECHECK_MS } from "../../extension/lib/flow-sign-out.js";
import { AWAY_RECHECK_MS } from "../../extension/lib/flow-refresh.js";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const KEY = "agents-us";

// A tiny driver: keeps the state, the time and the effects of the last step.
function machine({ config = CONFIG, mode } = {}) {
  let ids = 0;
  const m = {
    now: T0,
    state: initialState(),
    effects: [],
    apply(event) {
      const out = reduce(m.state, event, { now: m.now, newId: () => `id-${(ids += 1)}`, random: () => 0.5 });
      m.state = out.state;
      m.effects = out.effects;
      return m;
    },
    at(ms) {
      m.now = T0 + ms;
      return m;
    },
    flow: (key = KEY) => m.state.flows[key],
    of: (type) => m.effects.filter((e) => e.type === type),
    sent: (type) => m.effects.filter((e) => e.type === "send" && e.message.type === type).map((e) => e.message),
    hostReply(answer) {
      return m.apply({ type: "host-message", message: { re: m.flow().pending.id, ...answer } });
    },
  };
  const welcome = structuredClone(config);
  if (mode) welcome.relogin.mode = mode;
  m.apply({ type: "welcome", config: welcome, problems: [], hostVersion: "0.1.0", fresh: true });
  return m;
}

const expiredHint = (over = {}) => ({
  type: "hint",
  key: KEY,
  profile: KEY,
  connectOrigin: CONNECT,
  signal: "login-page",
  kind: "expiry",
  evidence: "/login",
  tabId: 1,
  windowId: 9,
  frameId: 5,
  tabUrl: `${CUSTOM_CCP}?agent=42`,
  frameUrl: `${CONNECT}/login?redirect=%2Fccp-v2`,
  ...over,
});

const relogin = (over = {}) => ({
  type: "relogin",
  attempt: 1,
  correlationId: "c-1",
  profile: KEY,
  signInUrl: SIGN_IN_URL,
  returnUrl: CUSTOM_CCP,
  deadlineMs: T0 + 120_000, // absolute, ms since the epoch, as the host sends it
  ...over,
});

// Drives a flow to signing-in with its helper tab 50 open.
function signingIn(options) {
  const m = machine(options).apply(expiredHint()).hostReply(relogin());
  if (m.flow().mode !== "in-place") m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: m.flow().mode });
  return m;
}

test("idle → detected: a hint sends `expired` without queries and waits for the host", () => {
  const m = machine().apply(expiredHint());
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(m.sent("expired"), [
    { type: "expired", id: "id-1", tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/login`, signal: "login-page", evidence: "/login" },
  ]);
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + HOST_REPLY_TIMEOUT_MS }]);
});

test("detected → signing-in (tab): opens the helper on about:blank, then navigates it once known", () => {
  const m = machine().apply(expiredHint()).hostReply(relogin());
  assert.equal(m.flow().phase, "signing-in");
  assert.deepEqual(m.of("open-helper"), [{ type: "open-helper", key: KEY, mode: "tab", url: SIGN_IN_URL, windowId: 9 }]);
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 120_000 }], "host deadline shorter than config");
  m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  assert.deepEqual(m.flow().helper, { tabId: 50, windowId: 9, inPlace: false });
});

test("the config timeout applies when the host's deadline is longer or absent", () => {
  const m = machine().apply(expiredHint()).hostReply(relogin({ deadlineMs: undefined }));
  assert.equal(m.flow().deadlineAt, T0 + 300_000);
  const later = machine().apply(expiredHint()).hostReply(relogin({ deadlineMs: T0 + 600_000 }));
  assert.equal(later.flow().deadlineAt, T0 + 300_000, "relogin.timeoutSeconds caps the host's deadline");
  const sooner = machine().apply(expiredHint()).hostReply(relogin({ deadlineMs: T0 + 60_000 }));
  assert.equal(sooner.flow().deadlineAt, T0 + 60_000);
});

test("deadlineMs is only ever an absolute time: a small value is a deadline long past, not a duration", () => {
  const m = machine().apply(expiredHint()).hostReply(relogin({ deadlineMs: 120_000 }));
  assert.equal(m.flow().deadlineAt, T0, "due at once");
});

test("signing-in → landed → idle: landed, return, close, refresh; the focus untouched", () => {
  const m = signingIn();
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2?x=1` });
  assert.equal(m.flow().phase, "landed");
  assert.deepEqual(m.sent("landed"), [{ type: "landed", id: "id-2", correlationId: "c-1", url: `${CONNECT}/ccp-v2` }]);
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("close-helper"), [{ type: "close-helper", tabId: 50, windowId: 9, mode: "tab" }]);
  assert.deepEqual(m.of("restore-focus"), [], "a sign-in that never took the focus gives nothing back");
  assert.deepEqual(m.of("refresh-tab"), [
    { type: "refresh-tab", tabId: 1, connectOrigin: CONNECT, landingUrl: `${CONNECT}/ccp-v2` },
  ]);
  assert.deepEqual(m.of("clear-alarm"), [{ type: "clear-alarm", key: KEY }]);
});

test("never drop a live call: returning waits for the contact to end", () => {
  const m = machine().apply({ type: "bridge-ready", tabId: 1, url: CUSTOM_CCP });
  m.apply({ type: "contact-start", tabId: 1, contactId: "ct-1" });
  m.apply(expiredHint()).hostReply(relogin());
  m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(m.flow().phase, "returning");
  assert.deepEqual(m.of("refresh-tab"), [], "no reload during the call");
  assert.equal(m.of("close-helper").length, 1, "the sign-in tab still closes");
  assert.equal(m.of("restore-focus").length, 0, "and the agent's focus is left alone");
  m.apply({ type: "contact-start", tabId: 1, contactId: "ct-2" });
  m.apply({ type: "contact-end", tabId: 1, contactId: "ct-1" });
  assert.equal(m.flow().phase, "returning", "a second contact is still live");
  m.apply({ type: "contact-end", tabId: 1, contactId: "ct-2" });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("refresh-tab").map((e) => e.tabId), [1]);
});

test("the agent reloading the custom CCP during returning ends the wait", () => {
  const m = machine().apply({ type: "bridge-ready", tabId: 1, url: CUSTOM_CCP });
  m.apply({ type: "contact-start", tabId: 1, contactId: "ct-1" });
  m.apply(expiredHint()).hostReply(relogin());
  m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  m.apply({ type: "bridge-ready", tabId: 1, url: CUSTOM_CCP });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.state.contacts[1], []);
});

test("detected → waiting → detected: the host's wait, then a retry of the same hint", () => {
  const m = machine().apply(expiredHint()).hostReply({ type: "wait", reason: "in-progress", retryAfterMs: 20_000 });
  assert.equal(m.flow().phase, "waiting");
  assert.equal(m.flow().retryAt, T0 + 20_000);
  m.at(19_000).apply({ type: "alarm", key: KEY });
  assert.equal(m.flow().phase, "waiting", "too early");
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 20_000 }], "re-armed");
  m.at(20_000).apply({ type: "alarm", key: KEY });
  assert.equal(m.flow().phase, "detected");
  assert.equal(m.sent("expired")[0].frameUrl, `${CONNECT}/login`);
});

test("detected → stopped: notification, badge state, no attempt until the back-off ends", () => {
  const m = machine().apply(expiredHint()).hostReply({ type: "stop", reason: "loop", diagnosis: "Expired right after a login: check connect:GetFederationToken." });
  assert.equal(m.flow().phase, "stopped");
  assert.deepEqual(m.flow().stop, { reason: "loop", diagnosis: "Expired right after a login: check connect:GetFederationToken." });
  assert.equal(m.of("notify")[0].message, "Expired right after a login: check connect:GetFederationToken.");
  assert.equal(m.flow().retryAt, T0 + 900_000, "guard.windowSeconds");
  m.at(1000).apply(expiredHint({ tabId: 2 }));
  assert.equal(m.flow().phase, "stopped");
  assert.deepEqual(m.sent("expired"), [], "no attempt while stopped");
  m.at(900_000).apply({ type: "alarm", key: KEY });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("replay-hint").map((e) => e.hint.tabId), [1], "the expired page is checked again");
});

test("stop with the host's untilMs: no attempt before that time", () => {
  const m = machine().apply(expiredHint()).hostReply({ type: "stop", reason: "attempts-exhausted", diagnosis: "d", untilMs: T0 + 120_000 });
  assert.equal(m.flow().retryAt, T0 + 120_000);
  m.at(119_000).apply(expiredHint({ tabId: 3 }));
  assert.equal(m.flow().phase, "stopped");
  m.at(120_000).apply(expiredHint({ tabId: 3 }));
  assert.equal(m.flow().phase, "detected");
});

test("stopped → Sign in again: the same page is reported again, the notification goes", () => {
  const m = machine().apply(expiredHint()).hostReply({ type: "stop", reason: "loop", diagnosis: "d" });
  m.at(5000).apply({ type: "sign-in-again", key: KEY });
  assert.equal(m.flow().phase, "detected");
  assert.equal(m.flow().stop, null);
  assert.deepEqual(m.of("clear-notification"), [{ type: "clear-notification", key: KEY }]);
  assert.equal(m.sent("expired")[0].signal, "login-page");
});

test("Sign in again with no expired page known: a manual `expired` naming the profile", () => {
  const m = machine().apply({ type: "sign-in-again", key: KEY });
  assert.deepEqual(m.sent("expired")[0], {
    type: "expired", id: "id-1", tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/ccp-v2`, signal: "text",
    evidence: "manual: the agent clicked Sign in again", profile: KEY,
  }, "protocol v1 signals only; the trigger is in the evidence");
  const busy = signingIn().apply({ type: "sign-in-again", key: KEY });
  assert.deepEqual(busy.sent("expired"), [], "ignored while a flow runs");
});

test("force-relogin from the host starts the normal flow", () => {
  const m = machine().apply({ type: "force-relogin", profile: KEY, reason: "helpdesk ticket 42", originTab: { tabId: 7, windowId: 3, url: CUSTOM_CCP } });
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(m.sent("expired")[0], {
    type: "expired", id: "id-1", tabUrl: CUSTOM_CCP, frameUrl: `${CONNECT}/ccp-v2`, signal: "text", evidence: "forced: helpdesk ticket 42", profile: KEY,
  });
  assert.equal(m.flow().hint.tabId, 7);
});

test("sign-in timeout → failed(timeout) → host retries → new attempt in the same tab", () => {
  const m = signingIn();
  m.apply({ type: "progress", key: KEY, url: "https://login.microsoftonline.com/t/saml2?SAMLRequest=zzz" });
  m.at(120_000).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.sent("failed"), [{
    type: "failed", id: "id-2", correlationId: "c-1", stage: "timeout",
    url: "https://login.microsoftonline.com/t/saml2", evidence: "not signed in after 300 s",
  }]);
  m.hostReply(relogin({ attempt: 2, correlationId: "c-2" }));
  assert.equal(m.flow().phase, "signing-in");
  assert.equal(m.flow().correlationId, "c-2");
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  assert.deepEqual(m.of("open-helper"), [], "no second tab");
});

test("failed → stop closes the sign-in tab", () => {
  const m = signingIn().apply({ type: "sign-in-failed", key: KEY, stage: "entra", url: "https://login.microsoftonline.com/x?y", evidence: "AADSTS50105" });
  assert.equal(m.sent("failed")[0].stage, "entra");
  m.hostReply({ type: "stop", reason: "idp-error", diagnosis: "The user is not assigned to the Entra app." });
  assert.equal(m.flow().phase, "stopped");
  assert.deepEqual(m.of("close-helper"), [{ type: "close-helper", tabId: 50, windowId: 9, mode: "tab" }]);
});

test("no host answer: detected → idle, failed → stopped, landed → return from the relogin's returnUrl", () => {
  const detected = machine().apply(expiredHint()).at(HOST_REPLY_TIMEOUT_MS).apply({ type: "alarm", key: KEY });
  assert.equal(detected.flow().phase, "idle");

  const failed = signingIn().apply({ type: "sign-in-failed", key: KEY, stage: "connect", url: "", evidence: "x" });
  failed.at(HOST_REPLY_TIMEOUT_MS).apply({ type: "alarm", key: KEY });
  assert.equal(failed.flow().phase, "stopped");
  assert.equal(failed.flow().stop.reason, "no-host-answer");

  const landed = signingIn().apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  landed.at(HOST_REPLY_TIMEOUT_MS).apply({ type: "alarm", key: KEY });
  assert.equal(landed.flow().phase, "idle");
  assert.equal(landed.of("refresh-tab").length, 1);
});

test("single-flight: hints from other tabs join the running flow and are refreshed at the end", () => {
  const m = signingIn();
  m.apply(expiredHint({ tabId: 2, windowId: 8 }));
  m.apply(expiredHint({ tabId: 3, signal: "text", evidence: "Session expired" }));
  assert.deepEqual(m.sent("expired"), [], "no second login");
  assert.deepEqual(m.flow().affectedTabs, [2, 3]);
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("refresh-tab").map((e) => e.tabId), [1, 2, 3]);
});

test("single-flight across profiles of the same Connect instance", () => {
  const config = structuredClone(CONFIG);
  config.profiles.push({ ...config.profiles[0], name: "admins", destination: "/agent-app-v2", returnTo: [] });
  const m = signingIn({ config });
  m.apply(expiredHint({ key: "admins", profile: "admins", tabId: 4 }));
  assert.equal(m.state.flows.admins, undefined, "no second flow");
  assert.deepEqual(m.flow().affectedTabs, [4]);
});

test("a signal inside the sign-in tab fails the attempt at once", () => {
  const m = signingIn();
  m.apply(expiredHint({ tabId: 50, frameId: 0 }));
  assert.deepEqual(m.sent("failed"), [], "nothing of the sign-in loaded yet: a stale duplicate");
  m.apply({ type: "progress", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.apply(expiredHint({ tabId: 50, frameId: 0, signal: "text", kind: "misconfiguration", evidence: "Please contact your AWS account administrator", frameUrl: `${CONNECT}/ccp-v2` }));
  assert.deepEqual(m.sent("failed")[0], {
    type: "failed", id: "id-2", correlationId: "c-1", stage: "connect", url: `${CONNECT}/ccp-v2`,
    evidence: "misconfiguration: Please contact your AWS account administrator",
  });
  const outside = machine().apply(expiredHint({ kind: "idp-error", evidence: "AADSTS50105" }));
  assert.equal(outside.flow(), undefined, "an IdP error outside a sign-in tab is ignored");
});

test("network down in the sign-in tab: back-off retries, `online` retries at once, progress recovers", () => {
  const m = signingIn();
  m.at(1000).apply({ type: "offline", key: KEY, url: SIGN_IN_URL, error: "net::ERR_INTERNET_DISCONNECTED" });
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 1000 + 5000 }]);
  assert.deepEqual(m.sent("failed"), [], "not a failure");
  m.at(6000).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  m.at(6500).apply({ type: "offline", key: KEY, url: SIGN_IN_URL, error: "net::ERR_NAME_NOT_RESOLVED" });
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 6500 + 10_000 }], "doubled");
  m.at(7000).apply({ type: "online" });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  m.at(8000).apply({ type: "progress", key: KEY, url: "https://login.microsoftonline.com/t/saml2" });
  assert.equal(m.flow().offline, null);
  assert.equal(m.flow().deadlineAt, T0 + 8000 + 300_000, "full time again after recovery");
});

test("the agent closes the sign-in tab: idle, the host is told, its late answer is ignored", () => {
  const m = signingIn().apply({ type: "tab-removed", tabId: 50 });
  assert.equal(m.flow().phase, "idle");
  const failed = m.sent("failed")[0];
  assert.equal(failed.stage, "cancelled");
  m.apply({ type: "host-message", message: { re: failed.id, ...relogin({ correlationId: "c-9" }) } });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("open-helper"), []);
});

test("the agent closes the sign-in tab: the host's final stop `cancelled` changes nothing", () => {
  const m = signingIn().apply({ type: "tab-removed", tabId: 50 });
  const failed = m.sent("failed")[0];
  m.apply({
    type: "host-message",
    message: { re: failed.id, type: "stop", reason: "cancelled", diagnosis: "The agent closed the sign-in tab.", profile: KEY },
  });
  assert.equal(m.flow().phase, "idle", "not stopped: the next expiry starts a sign-in");
  assert.deepEqual(m.of("notify"), [], "the agent closed it on purpose: no notification");
});

test("the expired tab is closed during the sign-in: the CCP opens in the sign-in tab", () => {
  const m = signingIn().apply({ type: "tab-removed", tabId: 1 });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: CUSTOM_CCP }]);
  assert.deepEqual(m.of("close-helper"), []);
  assert.equal(m.flow().phase, "idle");
});

test("window mode: a small window, closed afterwards", () => {
  const m = machine({ mode: "window" }).apply(expiredHint()).hostReply(relogin());
  assert.equal(m.of("open-helper")[0].mode, "window");
  m.apply({ type: "helper-opened", key: KEY, tabId: 60, windowId: 61, mode: "window" });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("close-helper"), [{ type: "close-helper", tabId: 60, windowId: 61, mode: "window" }]);
});

test("in-place mode: the expired tab signs in and goes back to the return URL", () => {
  const m = machine({ mode: "in-place" }).apply(expiredHint()).hostReply(relogin());
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 1, url: SIGN_IN_URL }]);
  assert.deepEqual(m.of("open-helper"), []);
  assert.deepEqual(m.flow().helper, { tabId: 1, windowId: 9, inPlace: true });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 1, url: CUSTOM_CCP }]);
  assert.deepEqual(m.of("close-helper"), []);
  assert.deepEqual(m.of("refresh-tab"), []);
});

test("in-place on the Connect CCP itself goes on to the host's return URL (the custom CCP)", () => {
  const m = machine({ mode: "in-place" }).apply(expiredHint({ tabUrl: `${CONNECT}/ccp-v2`, frameId: 0 })).hostReply(relogin());
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 1, url: CUSTOM_CCP }]);
});

test("in-place is refused while a contact is active: a new tab instead", () => {
  const m = machine({ mode: "in-place" });
  m.apply({ type: "contact-start", tabId: 1, contactId: "ct-1" });
  m.apply(expiredHint()).hostReply(relogin());
  assert.equal(m.flow().mode, "tab");
  assert.equal(m.of("open-helper")[0].mode, "tab");
  assert.deepEqual(m.of("navigate"), [], "the tab with the call is not navigated");
});

test("the options page's mode applies unless policy sets one", () => {
  const m = machine().apply({ type: "prefs", prefs: { mode: "window" } });
  m.apply(expiredHint()).hostReply(relogin());
  assert.equal(m.flow().mode, "window");
  const managed = machine().apply({ type: "prefs", prefs: { mode: "window" } }).apply({ type: "policy", policy: { relogin: { mode: "tab" } } });
  managed.apply(expiredHint()).hostReply(relogin());
  assert.equal(managed.flow().mode, "tab");
});

test("a reconnect re-sends what the host never answered; a re-hello does not", () => {
  const m = machine().apply(expiredHint());
  const expired = m.sent("expired")[0];
  m.apply({ type: "welcome", config: CONFIG, problems: [], fresh: false });
  assert.deepEqual(m.sent("expired"), []);
  m.apply({ type: "welcome", config: CONFIG, problems: [], fresh: true });
  assert.deepEqual(m.sent("expired"), [expired], "same id: the host can tell it is a repeat");
});

test("stale and unroutable host messages change nothing", () => {
  const m = signingIn();
  const before = JSON.stringify(m.state.flows);
  m.apply({ type: "host-message", message: { type: "return", re: "nope", correlationId: "c-unknown", url: CUSTOM_CCP } });
  m.apply({ type: "host-message", message: { type: "relogin", re: "nope", correlationId: "c-1", signInUrl: SIGN_IN_URL } });
  assert.equal(JSON.stringify(m.state.flows), before);
  m.apply({ type: "host-message", message: { type: "error", code: "bad-request", message: "expired needs tabUrl" } });
  assert.match(m.state.lastEvent.text, /bad-request/);
});

test("a sign-in URL that is not https is refused", () => {
  const m = machine().apply(expiredHint()).hostReply(relogin({ signInUrl: "javascript:alert(1)" }));
  assert.equal(m.flow().phase, "stopped");
  assert.equal(m.flow().stop.reason, "invalid-sign-in-url");
  assert.deepEqual(m.of("open-helper"), []);
});

test("a tab opened after the flow moved on is closed", () => {
  const m = machine().apply(expiredHint()).hostReply(relogin());
  // The sign-in tab is still being created when the attempt fails and stops.
  m.apply({ type: "sign-in-failed", key: KEY, stage: "open", url: "", evidence: "e" });
  m.hostReply({ type: "stop", reason: "x", diagnosis: "y" });
  m.apply({ type: "helper-opened", key: KEY, tabId: 77, windowId: 9, mode: "tab" });
  assert.deepEqual(m.of("close-helper"), [{ type: "close-helper", tabId: 77, windowId: 9, mode: "tab" }]);
  assert.deepEqual(m.of("navigate"), []);
});

// ---- a sign-in tab that stalls (lib/flow-stall.js) ------------------------------

const SAML_PAGE = "https://login.microsoftonline.com/t/saml2";
const stalledReports = (m) => m.sent("sign-in-stalled");

test("stall: a tab with no progress for STALL_AFTER_MS is navigated again and the host told", () => {
  const m = signingIn();
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + STALL_AFTER_MS }], "the navigation arms the check");
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(m), [{
    type: "sign-in-stalled", id: "id-2", correlationId: "c-1",
    url: SIGN_IN_URL.split("?")[0], renavigation: 1, quietMs: STALL_AFTER_MS,
  }], "the sign-in URL without its query: nothing committed yet");
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 2 * STALL_AFTER_MS }]);
  assert.equal(m.flow().phase, "signing-in");
  assert.equal(m.flow().pending, null, "nothing waits for the host's answer");
  m.apply({ type: "host-message", message: { type: "recorded", re: "id-2" } });
  assert.equal(m.flow().stallReportId, null);
  assert.ok(!m.effects.some((e) => e.type === "log" && /cookie/.test(e.text)), "not taken for a cookie-rule answer");
});

test("stall: a committed page that stays unparsed stalls; the url is where it committed", () => {
  const m = signingIn();
  m.at(1000).apply({ type: "progress", key: KEY, url: `${SAML_PAGE}?SAMLRequest=x`, step: "committed" });
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 1000 + STALL_AFTER_MS }], "the check moves on");
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(m), [], "progress 7 s ago: not yet");
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 1000 + STALL_AFTER_MS }]);
  m.at(1000 + STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.equal(stalledReports(m)[0].url, SAML_PAGE);
});

test("stall: a parsed page waiting for the agent is never navigated again", () => {
  const m = signingIn();
  m.at(500).apply({ type: "progress", key: KEY, url: SAML_PAGE, step: "started" });
  m.at(900).apply({ type: "progress", key: KEY, url: SAML_PAGE, step: "committed" });
  m.at(1000).apply({ type: "progress", key: KEY, url: SAML_PAGE, step: "parsed" });
  for (const at of [STALL_AFTER_MS, 60_000, 119_000]) {
    m.at(at).apply({ type: "alarm", key: KEY });
    assert.deepEqual(stalledReports(m), [], `at ${at} ms`);
    assert.deepEqual(m.of("navigate"), []);
    assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 120_000 }], "only the deadline");
  }
  // The agent submits; the next navigation is watched again.
  m.at(119_500).apply({ type: "progress", key: KEY, url: "https://login.microsoftonline.com/t/login", step: "started" });
  assert.deepEqual(m.of("alarm"), [{ type: "alarm", key: KEY, when: T0 + 120_000 }], "the deadline comes first");
});

test("stall: at most two re-navigations per sign-in, then the attempt fails (stage stalled)", () => {
  const m = signingIn();
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  m.at(2 * STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(m).map((r) => r.renavigation), [2]);
  m.at(3 * STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(m), []);
  assert.deepEqual(m.of("navigate"), []);
  assert.deepEqual(m.sent("failed"), [{
    type: "failed", id: "id-4", correlationId: "c-1", stage: "stalled",
    url: SIGN_IN_URL.split("?")[0], evidence: "no progress for 8 s, also after 2 re-navigations",
  }]);
  // While the host decides, nothing is watched; its retry starts a fresh budget.
  m.at(3 * STALL_AFTER_MS + 1000).apply({ type: "progress", key: KEY, url: SAML_PAGE, step: "started" });
  assert.deepEqual(m.of("alarm"), []);
  m.hostReply(relogin({ attempt: 2, correlationId: "c-2", deadlineMs: T0 + 300_000 }));
  assert.equal(m.flow().stallRenavigations, 0);
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);
  assert.equal(m.of("alarm").at(-1).when, m.now + STALL_AFTER_MS);
});

test("stall: not while the network is down, and the sign-in deadline wins", () => {
  const m = signingIn();
  m.at(1000).apply({ type: "offline", key: KEY, url: SIGN_IN_URL, error: "net::ERR_INTERNET_DISCONNECTED" });
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(m), [], "the offline retry, not a stall");
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 50, url: SIGN_IN_URL }]);

  const late = signingIn();
  late.at(120_000).apply({ type: "alarm", key: KEY });
  assert.deepEqual(stalledReports(late), []);
  assert.equal(late.sent("failed")[0].stage, "timeout");
});

test("stall: the expired tab signing in in-place is watched the same way", () => {
  const m = signingIn({ mode: "in-place" });
  assert.equal(m.flow().helper.inPlace, true);
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("navigate"), [{ type: "navigate", tabId: 1, url: SIGN_IN_URL }]);
  assert.equal(stalledReports(m).length, 1);
});

test("stall: an error answer to sign-in-stalled is shown and changes no flow", () => {
  const m = signingIn();
  m.at(STALL_AFTER_MS).apply({ type: "alarm", key: KEY });
  const before = structuredClone(m.flow());
  m.apply({ type: "host-message", message: { type: "error", code: "unknown-type", message: "type \"sign-in-stalled\" is not a message this host knows", re: "id-2" } });
  assert.equal(m.flow().phase, before.phase);
  assert.equal(m.flow().correlationId, "c-1");
  assert.match(m.state.lastEvent.text, /sign-in-stalled not recorded/);
});

// ---- focus (flow-attention.js) ---------------------------------------------------

const ENTRA_PAGE = "https://login.microsoftonline.com/tid/saml2";
const SNAPSHOT = { focusedWindowId: 9, active: [{ windowId: 9, tabId: 7 }] };

function waitsForAgent(options) {
  const m = signingIn(options);
  m.apply({ type: "progress", key: KEY, url: ENTRA_PAGE, step: "committed" });
  m.apply({ type: "progress", key: KEY, url: ENTRA_PAGE, step: "parsed" });
  return m;
}

test("a page that auto-posts within ATTENTION_AFTER_MS is never brought to the front", () => {
  const m = waitsForAgent();
  assert.deepEqual(m.of("alarm").map((e) => e.when), [T0 + ATTENTION_AFTER_MS], "the attention check is armed");
  m.at(ATTENTION_AFTER_MS - 1).apply({ type: "progress", key: KEY, url: "https://signin.aws.amazon.com/saml", step: "started" });
  m.at(ATTENTION_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("bring-forward"), []);
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` }).hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("restore-focus"), [], "nothing was taken, nothing given back");
});

test("a page that waits for the agent comes to the front with a notification; focus goes back after landing", () => {
  const m = waitsForAgent();
  m.at(ATTENTION_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("bring-forward"), [{ type: "bring-forward", key: KEY, tabId: 50, windowId: 9, mode: "tab" }]);
  assert.equal(m.of("notify-attention").length, 1);
  assert.deepEqual(m.of("alarm").map((e) => e.when), [m.flow().deadlineAt], "then only the deadline");
  m.apply({ type: "focus-taken", key: KEY, snapshot: SNAPSHOT });
  m.at(ATTENTION_AFTER_MS * 3).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("bring-forward"), [], "once per sign-in");
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` }).hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.deepEqual(m.of("restore-focus"), [{ type: "restore-focus", snapshot: SNAPSHOT }]);
  assert.deepEqual(m.of("clear-attention"), [{ type: "clear-attention", key: KEY }]);
  const order = m.effects.map((e) => e.type);
  assert.ok(order.indexOf("close-helper") < order.indexOf("restore-focus"), "closed first, then the agent's tab again");
  assert.equal(m.flow().focusBefore, null);
});

test("a stopped sign-in also gives the focus back", () => {
  const m = waitsForAgent();
  m.at(ATTENTION_AFTER_MS).apply({ type: "alarm", key: KEY }).apply({ type: "focus-taken", key: KEY, snapshot: SNAPSHOT });
  m.apply({ type: "sign-in-failed", key: KEY, stage: "entra", url: ENTRA_PAGE, evidence: "AADSTS50105" });
  m.hostReply({ type: "stop", correlationId: "c-1", reason: "idp-error", diagnosis: "not assigned" });
  assert.deepEqual(m.of("restore-focus"), [{ type: "restore-focus", snapshot: SNAPSHOT }]);
});

test("in-place: the expired tab itself is brought forward when the agent is needed", () => {
  const m = waitsForAgent({ mode: "in-place" });
  m.at(ATTENTION_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("bring-forward"), [{ type: "bring-forward", key: KEY, tabId: 1, windowId: 9, mode: "in-place" }]);
});

// ---- deliberate sign-outs (flow-sign-out.js) ---------------------------------------

function withAfterInactivity(value) {
  const config = structuredClone(CONFIG);
  config.relogin.afterInactivity = value;
  config.guard.postLoginSeconds = 60;
  return config;
}

// Signed in by the product at T0, so the session's start is known.
function signedInAt0(config) {
  const m = machine({ config });
  m.flow = (key = KEY) => m.state.flows[key];
  m.apply(expiredHint()).hostReply(relogin());
  m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` }).hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  assert.equal(m.flow().sessionStartedAt, T0);
  return m;
}

const sessionReports = (m) => m.sent("session").map((r) => [r.event, r.outcome]);

test("the CCP is restored: the host hears how long the agent was stuck and how long the sign-in took", () => {
  const m = machine().apply(expiredHint());
  m.at(200).hostReply(relogin()).apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  m.at(1500).apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  m.at(1600).hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  const [restored] = m.sent("session");
  assert.deepEqual({ ...restored, id: undefined }, {
    type: "session", id: undefined, event: "restored", outcome: "agent-back", profile: KEY, reason: "",
    correlationId: "c-1", stuckMs: 1600, signInMs: 1400,
  });
});

test("an expiry at the cap is no inactivity sign-out: signed in again whatever afterInactivity says", () => {
  const m = signedInAt0(withAfterInactivity("ask"));
  m.at(43_200_000).apply(expiredHint({ agentIdle: "active" }));
  assert.equal(m.flow().phase, "detected");
});

test("an expiry soon after a sign-in is the host's loop check, never an inactivity sign-out", () => {
  const m = signedInAt0(withAfterInactivity("ask"));
  m.at(30_000).apply(expiredHint({ agentIdle: "idle" }));
  assert.equal(m.flow().phase, "detected");
});

test("afterInactivity ask: an early end waits for Sign in again, with a notification, audited", () => {
  const m = signedInAt0(withAfterInactivity("ask"));
  m.at(2 * 3_600_000).apply(expiredHint({ agentIdle: "active" }));
  assert.equal(m.flow().phase, "signed-out");
  assert.equal(m.flow().signOut.decision, "ask");
  assert.deepEqual(m.sent("expired"), []);
  assert.equal(m.of("notify").length, 1);
  assert.deepEqual(sessionReports(m), [["sign-out-respected", "ask"]]);
  m.apply(expiredHint({ tabId: 2, agentIdle: "active" }));
  assert.deepEqual(m.sent("expired"), [], "another tab's expiry joins the signed-out flow");
  m.apply({ type: "agent-active" });
  assert.deepEqual(m.sent("expired"), [], "ask waits for the agent's click, not for activity");
  m.apply({ type: "sign-in-again", key: KEY });
  assert.equal(m.flow().phase, "detected");
  assert.equal(m.sent("expired").length, 1);
});

test("afterInactivity on-return: idle agent → wait; active again → sign in; an active agent is signed in at once", () => {
  const m = signedInAt0(withAfterInactivity("on-return"));
  m.at(2 * 3_600_000).apply(expiredHint({ agentIdle: "idle" }));
  assert.equal(m.flow().phase, "signed-out");
  assert.deepEqual(sessionReports(m), [["sign-out-respected", "wait-for-agent"]]);
  assert.deepEqual(m.of("notify"), [], "on-return doesn't bother the agent");
  m.apply({ type: "agent-active" });
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(sessionReports(m), [["sign-out-respected", "relogin"]]);

  const n = signedInAt0(withAfterInactivity("on-return"));
  n.at(2 * 3_600_000).apply(expiredHint({ agentIdle: "active" }));
  assert.equal(n.flow().phase, "detected");
  assert.deepEqual(sessionReports(n), [["sign-out-respected", "relogin"]]);
});

test("afterInactivity always: an idle agent is signed in again at once, and the decision is audited", () => {
  const m = signedInAt0(withAfterInactivity("always"));
  m.at(2 * 3_600_000).apply(expiredHint({ agentIdle: "locked" }));
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(sessionReports(m), [["sign-out-respected", "relogin"]]);
});

test("idle with no known session start is still an inactivity sign-out", () => {
  const m = machine({ config: withAfterInactivity("ask") }).apply(expiredHint({ agentIdle: "idle" }));
  assert.equal(m.flow().phase, "signed-out");
});

test("the agent's logout: later expiries are left alone until the agent signs in by hand or is forced", () => {
  const m = machine().apply({ type: "agent-signed-out", connectOrigin: CONNECT, tabId: 1 });
  assert.equal(m.flow().phase, "signed-out");
  m.at(3_600_000).apply(expiredHint({ agentIdle: "active" }));
  assert.deepEqual(m.sent("expired"), []);
  m.apply({ type: "agent-active" });
  assert.deepEqual(m.sent("expired"), [], "activity doesn't undo a logout");
  m.apply({ type: "force-relogin", profile: KEY, reason: "helpdesk" });
  assert.equal(m.flow().phase, "detected", "the helpdesk may");
});

// ---- pre-emptive refresh (flow-refresh.js) -----------------------------------------

function withSession(session) {
  const config = structuredClone(CONFIG);
  config.session = session;
  return config;
}

function landedAt0(config, random = 0.5) {
  const m = machine({ config });
  m.apply(expiredHint()).hostReply(relogin());
  m.apply({ type: "helper-opened", key: KEY, tabId: 50, windowId: 9, mode: "tab" });
  m.apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  const armed = m.of("refresh-alarm");
  m.hostReply({ type: "return", correlationId: "c-1", url: CUSTOM_CCP });
  return { m, armed };
}

test("the refresh is armed when the session starts: window open + this session's jitter draw", () => {
  const { armed } = landedAt0(withSession({ maxSeconds: 43200, refreshBeforeSeconds: 1800, refreshJitterSeconds: 600 }));
  // random() = 0.5 in this driver: half of the 600 s jitter.
  assert.deepEqual(armed, [{ type: "refresh-alarm", key: KEY, when: T0 + (43200 - 1800) * 1000 + 300_000 }]);
  const off = landedAt0(withSession({ maxSeconds: 43200, refreshBeforeSeconds: 0, refreshJitterSeconds: 0 }));
  assert.deepEqual(off.armed, [], "refreshBeforeSeconds 0: no refresh");
});

test("a due refresh runs in the background and, once landed, closes its tab and reloads nothing", () => {
  const { m } = landedAt0(withSession({ maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 }));
  m.at(19_000).apply({ type: "refresh-due", key: KEY });
  assert.deepEqual(m.of("refresh-alarm").map((e) => e.when), [T0 + 20_000], "early: armed again");
  m.at(20_000).apply({ type: "refresh-due", key: KEY });
  assert.equal(m.flow().phase, "detected");
  const [expired] = m.sent("expired");
  assert.equal(expired.profile, KEY);
  assert.match(expired.evidence, /^refresh: the session ends in 15 min$/);
  assert.deepEqual(sessionReports(m), [["refresh", "started"]]);
  m.hostReply(relogin({ correlationId: "c-2" }));
  m.apply({ type: "helper-opened", key: KEY, tabId: 51, windowId: 9, mode: "tab" });
  m.at(21_000).apply({ type: "landed", key: KEY, url: `${CONNECT}/ccp-v2` });
  assert.deepEqual(m.of("refresh-alarm").map((e) => e.when), [T0 + 21_000 + 20_000], "the next refresh is armed");
  m.hostReply({ type: "return", correlationId: "c-2", url: CUSTOM_CCP });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("close-helper"), [{ type: "close-helper", tabId: 51, windowId: 9, mode: "tab" }]);
  assert.deepEqual(m.of("refresh-tab"), [], "the CCP keeps working on the new cookie: nothing reloaded");
  assert.deepEqual(m.of("navigate"), []);
  assert.deepEqual(sessionReports(m), [["refresh", "landed"]], "and no restored: nobody was stuck");
});

test("a refresh due during a live contact waits for its end", () => {
  const { m } = landedAt0(withSession({ maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 }));
  m.apply({ type: "bridge-ready", tabId: 1, url: CUSTOM_CCP }).apply({ type: "contact-start", tabId: 1, contactId: "ct-1" });
  m.at(20_000).apply({ type: "refresh-due", key: KEY });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(sessionReports(m), [["refresh", "deferred"]]);
  m.at(90_000).apply({ type: "contact-end", tabId: 1, contactId: "ct-1" });
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(sessionReports(m), [["refresh", "started"]]);
});

test("a refresh never runs for an agent who is away: it would undo Connect's inactivity sign-out", () => {
  const { m } = landedAt0(withSession({ maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 }));
  m.at(20_000).apply({ type: "refresh-due", key: KEY, agentIdle: "idle" });
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(m.of("refresh-alarm").map((e) => e.when), [T0 + 20_000 + AWAY_RECHECK_MS], "asked again later");
  assert.deepEqual(sessionReports(m), [["refresh", "deferred"]]);
  m.at(20_000 + AWAY_RECHECK_MS).apply({ type: "refresh-due", key: KEY, agentIdle: "locked" });
  assert.deepEqual(sessionReports(m), [], "the same wait is reported once");
  m.apply({ type: "bridge-ready", tabId: 1, url: CUSTOM_CCP }).apply({ type: "contact-start", tabId: 1, contactId: "ct-1" });
  m.apply({ type: "contact-end", tabId: 1, contactId: "ct-1" });
  assert.equal(m.flow().phase, "idle", "a contact's end does not start a refresh that waits for the agent");
  m.at(20_000 + 2 * AWAY_RECHECK_MS).apply({ type: "refresh-due", key: KEY, agentIdle: "active" });
  assert.equal(m.flow().phase, "detected", "back at the desk: the refresh runs");
  assert.deepEqual(sessionReports(m), [["refresh", "started"]]);
});

test("a refresh that needs the agent, or that the host stops, is given up quietly", () => {
  const { m } = landedAt0(withSession({ maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 }));
  m.at(20_000).apply({ type: "refresh-due", key: KEY }).hostReply(relogin({ correlationId: "c-2" }));
  m.apply({ type: "helper-opened", key: KEY, tabId: 51, windowId: 9, mode: "tab" });
  m.apply({ type: "progress", key: KEY, url: ENTRA_PAGE, step: "committed" });
  m.apply({ type: "progress", key: KEY, url: ENTRA_PAGE, step: "parsed" });
  m.at(20_000 + ATTENTION_AFTER_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("bring-forward"), [], "never in front for a refresh");
  assert.deepEqual(m.sent("failed").map((f) => f.stage), ["cancelled"]);
  assert.deepEqual(m.of("close-helper").length, 1);
  assert.equal(m.flow().phase, "idle");
  assert.deepEqual(sessionReports(m), [["refresh", "failed"]]);

  const { m: n } = landedAt0(withSession({ maxSeconds: 900, refreshBeforeSeconds: 880, refreshJitterSeconds: 0 }));
  n.at(20_000).apply({ type: "refresh-due", key: KEY });
  n.hostReply({ type: "stop", reason: "attempts-exhausted", diagnosis: "too many" });
  assert.equal(n.flow().phase, "idle");
  assert.deepEqual(n.of("notify"), [], "no notification for a refresh");
  assert.deepEqual(sessionReports(n), [["refresh", "failed"]]);
});

test("the agent's own sign-in starts a session, and arms its refresh", () => {
  const m = machine({ config: withSession({ maxSeconds: 3600, refreshBeforeSeconds: 600, refreshJitterSeconds: 0 }) });
  m.apply({ type: "agent-signed-in", url: "https://acme.my.connect.aws/ccp-v2", tabId: 3 });
  assert.equal(m.flow().sessionStartedAt, T0);
  assert.deepEqual(m.of("refresh-alarm").map((e) => e.when), [T0 + 3_000_000]);
});

test("on-return also asks chrome.idle every IDLE_RECHECK_MS: an agent back before the browser saw idle is not missed", () => {
  const m = signedInAt0(withAfterInactivity("on-return"));
  m.at(2 * 3_600_000).apply(expiredHint({ agentIdle: "idle" }));
  assert.equal(m.flow().deadlineAt, m.now + IDLE_RECHECK_MS);
  m.at(2 * 3_600_000 + IDLE_RECHECK_MS).apply({ type: "alarm", key: KEY });
  assert.deepEqual(m.of("check-idle"), [{ type: "check-idle" }]);
  assert.equal(m.flow().deadlineAt, m.now + IDLE_RECHECK_MS, "and again");
  m.apply({ type: "agent-active" });
  assert.equal(m.flow().phase, "detected");
});
