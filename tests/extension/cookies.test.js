// Third-party cookies blocked in a custom CCP (docs/facts.md, "Third-party
// cookies"): the pure rules (lib/cookie-rules.js), the wording
// (lib/cookie-diagnosis.js), the state machine's transitions
// (lib/flow-cookies.js) and the audit outbox (lib/cookie-audit.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cookieDiagnosis } from "../../extension/lib/cookie-diagnosis.js";
import {
  crossSiteEmbedder,
  decideCookieFix,
  permittedRules,
  policyEntry,
  ruleFor,
  rulesToWithdraw,
} from "../../extension/lib/cookie-rules.js";
import { effectiveConfig } from "../../extension/lib/config-view.js";
import { reportPredatesReload, RELOAD_REPORT_WINDOW_MS } from "../../extension/lib/flow-cookies.js";
import { reduce } from "../../extension/lib/flow-reducer.js";
import { initialState } from "../../extension/lib/flow-state.js";
import { badgeFor, popupModel } from "../../extension/lib/status-view.js";
import { CONFIG, CONNECT, CUSTOM_CCP } from "./support/worker-harness.js";

const KEY = "agents-us";
const AGENTS = "https://agents.example.com";
const ENTRY = "https://[*.]my.connect.aws,https://agents.example.com";
const RULE = Object.freeze({ profile: KEY, primaryPattern: `${CONNECT}/*`, secondaryPattern: `${AGENTS}/*` });
const WELCOME = { ...CONFIG, profiles: [{ ...CONFIG.profiles[0], cookiesAllowedForUrls: [ENTRY] }] };
const BLOCKED_BY_PREFERENCE = Object.freeze({ site: "allow", pair: "block", thirdParty: { allowed: false, locked: false } });

const config = (welcome = WELCOME) => effectiveConfig(welcome);

// ---- lib/cookie-rules.js --------------------------------------------------------

test("cookies: only a Connect frame inside another site's page is embedded cross-site", () => {
  assert.equal(crossSiteEmbedder(`${CUSTOM_CCP}?x=1`, `${CONNECT}/ccp-v2`), AGENTS);
  assert.equal(crossSiteEmbedder("https://crm.example.com:8443/phone", `${CONNECT}/login`), "https://crm.example.com:8443");
  assert.equal(crossSiteEmbedder(`${CONNECT}/ccp-v2`, `${CONNECT}/ccp-v2`), null, "the Connect tab itself");
  assert.equal(crossSiteEmbedder("https://other.my.connect.aws/home", `${CONNECT}/ccp-v2`), null, "Connect in Connect");
  assert.equal(crossSiteEmbedder(CUSTOM_CCP, CUSTOM_CCP), null, "not a Connect frame");
  assert.equal(crossSiteEmbedder("http://agents.example.com/ccp", `${CONNECT}/ccp-v2`), null, "not https");
  assert.equal(crossSiteEmbedder("", `${CONNECT}/ccp-v2`), null);
});

test("cookies: the rule is exactly the profile's Connect host inside one of its returnTo origins", () => {
  const [profile] = config().profiles;
  assert.deepEqual(ruleFor(profile, AGENTS), RULE);
  assert.equal(ruleFor(profile, "https://evil.example.net"), null, "an origin the profile doesn't name");
  assert.equal(ruleFor(profile, null), null);
  assert.deepEqual(permittedRules(config()), [RULE]);
  const off = config({ ...WELCOME, detection: { ...WELCOME.detection, fixThirdPartyCookies: false } });
  assert.deepEqual(permittedRules(off), [], "the fix turned off permits nothing");
});

test("cookies: rules the configuration no longer names are withdrawn, with the reason", () => {
  const elsewhere = { profile: "agents-eu", primaryPattern: `${CONNECT}/*`, secondaryPattern: "https://eu.example.com/*" };
  assert.deepEqual(rulesToWithdraw([RULE, elsewhere], config()), [{ rule: elsewhere, reason: "profile-removed" }]);
  const off = config({ ...WELCOME, detection: { fixThirdPartyCookies: false } });
  assert.deepEqual(rulesToWithdraw([RULE], off), [{ rule: RULE, reason: "fix-disabled" }]);
  assert.deepEqual(rulesToWithdraw(undefined, config()), []);
});

test("cookies: the policy entry is the host's, for that embedder", () => {
  const [profile] = config().profiles;
  assert.equal(policyEntry(profile, AGENTS), ENTRY);
  assert.equal(policyEntry(profile, "https://crm.example.com"), null);
  assert.equal(policyEntry(config(CONFIG).profiles[0], AGENTS), null, "an older host sends none");
});

test("cookies: the fix only where nothing forbids it", () => {
  const [profile] = config().profiles;
  const decide = (over = {}) =>
    decideCookieFix({ config: config(), profile, embedder: AGENTS, facts: BLOCKED_BY_PREFERENCE, ...over });
  assert.deepEqual(decide(), { action: "fix", rule: RULE });
  const why = (over) => decide(over).why;
  assert.equal(why({ facts: { ...BLOCKED_BY_PREFERENCE, site: "block" } }), "site-blocked");
  assert.equal(why({ embedder: "https://crm.example.com" }), "not-configured");
  assert.equal(why({ fixedBefore: true }), "still-blocked");
  const off = config({ ...WELCOME, detection: { fixThirdPartyCookies: false } });
  assert.equal(why({ config: off }), "fix-disabled");
  assert.equal(why({ facts: { ...BLOCKED_BY_PREFERENCE, thirdParty: { allowed: false, locked: true } } }), "policy-lock");
  assert.equal(why({ facts: { ...BLOCKED_BY_PREFERENCE, thirdParty: null } }), "lock-unknown");
  assert.equal(why({ facts: { ...BLOCKED_BY_PREFERENCE, thirdParty: { allowed: true, locked: false } } }), "pair-blocked");
  assert.equal(why({ facts: { ...BLOCKED_BY_PREFERENCE, thirdParty: { allowed: true, locked: true } } }), "pair-blocked");
});

// ---- lib/cookie-diagnosis.js ------------------------------------------------------

test("cookies: the diagnosis names the custom CCP, the reason and the policy entry", () => {
  const d = cookieDiagnosis({ why: "fix-disabled", connectOrigin: CONNECT, embedder: AGENTS, policyEntry: ENTRY });
  assert.match(d.diagnosis, /blocks the Amazon Connect cookie inside https:\/\/agents\.example\.com/);
  assert.match(d.diagnosis, /detection\.fixThirdPartyCookies is false/);
  assert.ok(d.diagnosis.endsWith(`CookiesAllowedForUrls: ${ENTRY}`), d.diagnosis);
  assert.equal(d.policyEntry, ENTRY);
  for (const [why, text] of [
    ["policy-lock", /BlockThirdPartyCookies locks/],
    ["pair-blocked", /CookiesBlockedForUrls\) or a site setting/],
    ["policy-overrides", /blocks it anyway; the rule was withdrawn/],
    ["still-blocked", /already allowed it/],
    ["lock-unknown", /could not read whether a browser policy locks/],
  ]) {
    assert.match(cookieDiagnosis({ why, connectOrigin: CONNECT, embedder: AGENTS, policyEntry: ENTRY }).diagnosis, text, why);
  }
  assert.match(cookieDiagnosis({ why: "fix-failed", embedder: AGENTS, error: "boom" }).diagnosis, /could not change the setting \(boom\)/);
  const other = cookieDiagnosis({ why: "not-configured", embedder: "https://crm.example.com", profileName: KEY });
  assert.match(other.diagnosis, /not one of the returnTo pages of profile "agents-us"/);
  const site = cookieDiagnosis({ why: "site-blocked", connectOrigin: CONNECT });
  assert.match(site.diagnosis, /blocks cookies for acme\.my\.connect\.aws, so no Amazon Connect sign-in can last/);
  assert.match(site.diagnosis, /CookiesBlockedForUrls/);
});

// ---- the state machine ------------------------------------------------------------

function machine(welcome = WELCOME) {
  let ids = 0;
  const m = {
    now: Date.UTC(2026, 0, 5, 9),
    state: initialState(),
    effects: [],
    apply(event) {
      const out = reduce(m.state, event, { now: m.now, newId: () => `id-${(ids += 1)}`, random: () => 0.5 });
      m.state = out.state;
      m.effects = out.effects;
      return m;
    },
    flow: () => m.state.flows[KEY],
    of: (type) => m.effects.filter((e) => e.type === type),
    sent: (type) => m.effects.filter((e) => e.type === "send" && e.message.type === type).map((e) => e.message),
  };
  m.apply({ type: "welcome", config: welcome, problems: [], hostVersion: "0.1.0", fresh: true });
  return m;
}

const blocked = (over = {}) => ({
  type: "cookies-blocked",
  key: KEY,
  profile: KEY,
  connectOrigin: CONNECT,
  embedder: AGENTS,
  facts: BLOCKED_BY_PREFERENCE,
  signal: "text",
  evidence: "Session expired",
  tabId: 1,
  windowId: 9,
  frameId: 5,
  tabUrl: CUSTOM_CCP,
  frameUrl: `${CONNECT}/ccp-v2`,
  ...over,
});

test("cookies: fixed where allowed, then only the CCP frame is reloaded; no sign-in", () => {
  const m = machine().apply(blocked());
  assert.equal(m.flow().phase, "fixing-cookies");
  assert.deepEqual(m.of("allow-cookies"), [{ type: "allow-cookies", key: KEY, rule: RULE }]);
  assert.deepEqual(m.sent("expired"), [], "a sign-in cannot help");
  m.apply(blocked({ tabId: 2, signal: "streams" })); // the same expiry from a second tab while fixing
  assert.deepEqual(m.of("allow-cookies"), [], "one fix at a time");
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "allow", error: null });
  assert.deepEqual(m.of("refresh-tab").map((e) => e.tabId), [1, 2]);
  assert.ok(m.of("refresh-tab").every((e) => e.connectOrigin === CONNECT));
  assert.equal(m.flow().phase, "idle");
  assert.match(m.state.lastEvent.text, /allowed the Amazon Connect cookie inside https:\/\/agents\.example\.com/);
  assert.equal(badgeFor(m.state, {}).text, "");
});

// A report this quick can come from the frame's document the fix is just
// replacing: it shows the frame as it was before the fix (scenario 13a).
test("cookies: a report from a reloaded Connect frame's old document is stale, the new document's is not", () => {
  const m = machine().apply(blocked()).apply(blocked({ tabId: 2, signal: "streams" }));
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "allow", error: null });
  const fixedAt = m.now;
  const report = (over) => ({ signal: "text", tabId: 1, frameUrl: `${CONNECT}/ccp-v2`, ...over });
  const before = report({ documentStartedAt: fixedAt - 500 });
  assert.equal(reportPredatesReload(m.state, before, fixedAt + 20), "the cookie fix's reload");
  assert.equal(reportPredatesReload(m.state, { ...before, tabId: 2 }, fixedAt + 20), "the cookie fix's reload");
  assert.equal(reportPredatesReload(m.state, report({ documentStartedAt: fixedAt + 5 }), fixedAt + 20), null,
    "the new document may still be signed out, and that must be said");
  assert.equal(reportPredatesReload(m.state, { ...before, tabId: 3 }, fixedAt + 20), null, "a tab not reloaded");
  assert.equal(reportPredatesReload(m.state, { ...before, frameUrl: CUSTOM_CCP }, fixedAt + 20), null,
    "only the Connect frame is reloaded; the custom CCP page itself is not");
  assert.equal(reportPredatesReload(m.state, before, fixedAt + RELOAD_REPORT_WINDOW_MS), null, "long after");
  assert.equal(reportPredatesReload(m.state, report({}), fixedAt + 20), null, "no start time: never stale");
});

// The report of the old document can land after the fix although intake
// judged it fresh: it waited for its session probe meanwhile (scenario 13a,
// seen in CI: the flow stopped as "still blocked" with the new frame signed in).
test("cookies: a stale report that lands after the fix changes nothing, a fresh one is judged", () => {
  const m = machine().apply(blocked({ documentStartedAt: 1000 }));
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "allow", error: null });
  const fixedAt = m.now;
  const afterFix = { facts: { ...BLOCKED_BY_PREFERENCE, pair: "allow" } };
  m.apply(blocked({ ...afterFix, signal: "streams", documentStartedAt: fixedAt - 500 }));
  assert.equal(m.flow().phase, "idle", "the old document's report is ignored");
  const { facts: _facts, embedder: _embedder, ...hintFields } = blocked({ documentStartedAt: fixedAt - 500 });
  m.apply({ ...hintFields, type: "hint", kind: "expiry" });
  assert.equal(m.flow().phase, "idle", "so is its expiry hint");
  assert.deepEqual(m.sent("expired"), []);
  m.apply(blocked({ ...afterFix, documentStartedAt: fixedAt + 5 }));
  assert.equal(m.flow().phase, "stopped", "the new document still signed out is said");
  assert.equal(m.flow().stop.why, "still-blocked");
});

test("cookies: still signed out after the fix is said, not fixed again", () => {
  const m = machine().apply(blocked());
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "allow", error: null });
  m.apply(blocked({ facts: { ...BLOCKED_BY_PREFERENCE, pair: "allow" } }));
  assert.deepEqual(m.of("allow-cookies"), []);
  assert.equal(m.flow().phase, "stopped");
  assert.equal(m.flow().stop.why, "still-blocked");
});

test("cookies: with the fix off, a stop that names the setting and the policy entry, and a notification", () => {
  const welcome = { ...WELCOME, detection: { ...WELCOME.detection, fixThirdPartyCookies: false } };
  const m = machine(welcome).apply(blocked());
  assert.deepEqual(m.of("allow-cookies"), []);
  assert.deepEqual(m.sent("expired"), []);
  assert.equal(m.flow().phase, "stopped");
  assert.equal(m.flow().stop.reason, "third-party-cookies");
  assert.equal(m.flow().stop.policyEntry, ENTRY);
  const [notify] = m.of("notify");
  assert.equal(notify.title, "Amazon Connect cookie blocked");
  assert.match(notify.message, /inside https:\/\/agents\.example\.com/);
  assert.ok(notify.message.includes(ENTRY), notify.message);
  const popup = popupModel(m.state, {});
  assert.match(popup.stateLabel, /browser blocks the Amazon Connect cookie/);
  assert.equal(popup.cookiePolicyEntry, ENTRY);
  assert.match(popup.diagnosis, /fixThirdPartyCookies is false/);
  const badge = badgeFor(m.state, {});
  assert.equal(badge.text, "ck");
  assert.match(badge.title, /blocks the Amazon Connect cookie/);
  // The same page again (the streams signal after the text one): said once.
  m.apply(blocked({ signal: "streams" }));
  assert.deepEqual(m.of("notify"), []);
});

test("cookies: a policy that overrides the rule: the rule is withdrawn and the stop says so", () => {
  const m = machine().apply(blocked());
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "block", error: null });
  assert.deepEqual(m.of("withdraw-cookies"), [{ type: "withdraw-cookies", rules: [RULE], reason: "policy-overrides" }]);
  assert.equal(m.flow().stop.why, "policy-overrides");
  assert.equal(m.of("refresh-tab").length, 0);
});

test("cookies: the browser refusing or not answering the change ends in a stop, never a hang", () => {
  const failed = machine().apply(blocked());
  failed.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: null, error: "Invalid pattern" });
  assert.equal(failed.flow().stop.why, "fix-failed");
  assert.match(failed.flow().stop.diagnosis, /Invalid pattern/);

  const silent = machine().apply(blocked());
  const { when } = silent.of("alarm")[0];
  silent.now = when;
  silent.apply({ type: "alarm", key: KEY });
  assert.equal(silent.flow().phase, "stopped");
  assert.match(silent.flow().stop.diagnosis, /did not answer/);
  // A late answer changes nothing.
  silent.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "allow", error: null });
  assert.equal(silent.flow().phase, "stopped");
});

test("cookies: cookies blocked for the Connect site at all: no fix, no sign-in, the stop says why", () => {
  const m = machine().apply(blocked({ embedder: null, facts: { site: "block", pair: null, thirdParty: null } }));
  assert.deepEqual(m.of("allow-cookies"), []);
  assert.deepEqual(m.sent("expired"), []);
  assert.equal(m.flow().stop.why, "site-blocked");
  assert.equal(m.flow().stop.policyEntry, null);
});

test("cookies: a sign-in under way takes the tab along instead", () => {
  const m = machine();
  m.apply({
    type: "hint", key: KEY, profile: KEY, connectOrigin: CONNECT, signal: "text", kind: "expiry", evidence: "Session expired",
    tabId: 7, windowId: 9, frameId: 0, tabUrl: `${CONNECT}/ccp-v2`, frameUrl: `${CONNECT}/ccp-v2`,
  });
  m.apply(blocked());
  assert.deepEqual(m.of("allow-cookies"), []);
  assert.equal(m.flow().phase, "detected");
  assert.deepEqual(m.flow().affectedTabs, [1]);
});

test("cookies: every rule change goes to the host until it is recorded, again on a new port", () => {
  const m = machine();
  m.apply({ type: "cookie-rule-changed", action: "set", rule: RULE, reason: "third-party-cookies-blocked" });
  const [message] = m.sent("cookie-rule");
  assert.deepEqual(message, {
    type: "cookie-rule", id: "id-1", action: "set", profile: KEY,
    primaryPattern: `${CONNECT}/*`, secondaryPattern: `${AGENTS}/*`, reason: "third-party-cookies-blocked",
  });
  m.apply({ type: "welcome", config: WELCOME, problems: [], hostVersion: "0.1.0", fresh: true });
  assert.deepEqual(m.sent("cookie-rule"), [message], "re-sent, same id, on the new port");
  m.apply({ type: "welcome", config: WELCOME, problems: [], hostVersion: "0.1.0", fresh: false });
  assert.deepEqual(m.sent("cookie-rule"), [], "not on a re-hello of the same port");
  m.apply({ type: "host-message", message: { type: "recorded", configured: true, re: "id-1" } });
  assert.deepEqual(m.state.cookieAudit, []);
  m.apply({ type: "welcome", config: WELCOME, problems: [], hostVersion: "0.1.0", fresh: true });
  assert.deepEqual(m.sent("cookie-rule"), []);
});

test("cookies: a change the host refuses is not re-sent, and the agent sees why", () => {
  const m = machine();
  m.apply({ type: "cookie-rule-changed", action: "clear", rule: RULE, reason: "profile-removed" });
  m.apply({ type: "host-message", message: { type: "error", code: "bad-value", message: "cookie-rule.reason …", re: "id-1" } });
  assert.deepEqual(m.state.cookieAudit, []);
  assert.match(m.state.lastEvent.text, /helper error: bad-value .*cookie-rule not recorded/);
});

test("cookies: the outbox is bounded", () => {
  const m = machine();
  for (let i = 0; i < 30; i += 1) m.apply({ type: "cookie-rule-changed", action: "set", rule: RULE, reason: "third-party-cookies-blocked" });
  assert.equal(m.state.cookieAudit.length, 20);
  assert.equal(m.state.cookieAudit.at(-1).id, "id-30");
});

test("cookies: session-only cookies reach the frame too: that counts as fixed", () => {
  const m = machine().apply(blocked());
  m.apply({ type: "cookie-fix-result", key: KEY, rule: RULE, setting: "session_only", error: null });
  assert.equal(m.flow().phase, "idle");
  assert.equal(m.of("refresh-tab").length, 1);
});
