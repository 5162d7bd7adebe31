// Transitions when the browser keeps the Connect cookie out of a Connect
// frame (the hint intake's cookies-blocked event; docs/facts.md,
// "Third-party cookies"). A sign-in cannot help then, so no `expired` goes to
// the host. Either the extension fixes it where the browser allows
// (cookie-rules.js decides): phase fixing-cookies, effect allow-cookies, and
// once the browser says the cookie is allowed, only the CCP frame is
// reloaded; or it says exactly what is wrong: a stop with reason
// third-party-cookies whose diagnosis names the setting and the policy entry
// IT can set (cookie-diagnosis.js).
import { COOKIE_STOP_REASON, cookieDiagnosis } from "./cookie-diagnosis.js";
import { decideCookieFix, policyEntry, RULE_REASONS, sameRule } from "./cookie-rules.js";
import { stopFlow } from "./flow-host-replies.js";
import { addAffected, hintOf, isActive } from "./flow-state.js";
import { parseHttps } from "./url-rules.js";

// The browser answers contentSettings calls at once; this only bounds a hang.
export const COOKIE_FIX_TIMEOUT_MS = 10_000;
// A frame still signed out this soon after its fix was not fixed by it.
export const COOKIE_REFIX_AFTER_MS = 5 * 60_000;
// How long after the fix a report from the Connect frame's old document may
// still arrive (the reload replaces it within a second or two).
export const RELOAD_REPORT_WINDOW_MS = 30_000;

// The same pair fixed in this session and still signed out: the rule is in
// effect (the browser says "allow") or was set moments ago.
function fixedBefore(step, flow, e) {
  const fix = flow.cookieFix;
  if (!fix || fix.at == null || fix.embedder !== e.embedder) return false;
  return e.facts?.pair === "allow" || step.now - fix.at < COOKIE_REFIX_AFTER_MS;
}

/**
 * e: {key, profile, connectOrigin, embedder, facts, signal, evidence, tabId,
 * windowId, frameId, tabUrl, frameUrl} (worker/hint-intake.js).
 */
export function onCookiesBlocked(step, e) {
  // Judged at intake too, but the report waited for its probe meanwhile,
  // and the fix may have reloaded its frame since (seen in scenario 13a: a
  // second report of the old document landed 5 ms after the fix and stopped
  // the flow as "still blocked" while the new frame was signed in).
  const stale = reportPredatesReload(step.s, e, step.now);
  if (stale) return step.log(`${e.signal} report from tab ${e.tabId} is from the document before ${stale}: ignored`);
  const running = Object.values(step.s.flows).find(
    (f) => isActive(f) && e.connectOrigin && f.connectOrigin === e.connectOrigin,
  );
  if (running) {
    // A fix under way reloads this tab too; a sign-in under way reloads it on return.
    addAffected(running, e.tabId);
    return step.log(`[${running.key}] Connect cookie blocked in tab ${e.tabId}: joins the running flow (${running.phase})`);
  }
  const flow = step.flow(e.key, { profile: e.profile, connectOrigin: e.connectOrigin });
  if (flow.phase === "stopped" && flow.stop?.reason === COOKIE_STOP_REASON && step.now < flow.retryAt) {
    return step.log(`[${flow.key}] Connect cookie blocked in tab ${e.tabId}: already reported`);
  }
  const profile = step.profileConfig(flow.profile ?? e.profile);
  flow.hint = hintOf(e);
  flow.affectedTabs = [];
  const decision = decideCookieFix({
    config: step.config, profile, embedder: e.embedder, facts: e.facts, fixedBefore: fixedBefore(step, flow, e),
  });
  if (decision.action === "fix") return startFix(step, flow, decision.rule, e.embedder);
  return reportCookies(step, flow, { why: decision.why, embedder: e.embedder });
}

function startFix(step, flow, rule, embedder) {
  flow.pending = null;
  flow.stop = null;
  flow.retryAt = null;
  flow.waitReason = null;
  flow.cookieFix = { rule, embedder, at: null };
  step.phase(flow, "fixing-cookies");
  step.deadline(flow, step.now + COOKIE_FIX_TIMEOUT_MS);
  step.emit({ type: "clear-notification", key: flow.key });
  step.emit({ type: "allow-cookies", key: flow.key, rule });
  step.note(flow, `the browser blocks the Amazon Connect cookie inside ${embedder}; allowing it there`);
}

/**
 * The cookie fix that reloaded `signal`'s tab after the document that sent
 * it began ("the cookie fix's reload"), or null. Such a report describes the
 * frame as it was before the fix: the document is on its way out, and acting
 * on it would sign in for nothing. Only reports that say when their document
 * began (the content script's) can be told; others are never stale here.
 */
export function reportPredatesReload(state, signal, now) {
  if (!Number.isFinite(signal.documentStartedAt) || signal.tabId == null) return null;
  const frameOrigin = parseHttps(signal.frameUrl)?.origin;
  for (const flow of Object.values(state.flows ?? {})) {
    const fix = flow.cookieFix;
    const reloadedHere =
      fix?.at != null && fix.reloadedTabs?.includes(signal.tabId) && frameOrigin === flow.connectOrigin;
    // Only the Connect frame is reloaded, and only just now: a document of
    // any other frame, or one that outlived the reload, is not judged here.
    if (reloadedHere && now - fix.at < RELOAD_REPORT_WINDOW_MS && signal.documentStartedAt < fix.at)
      return "the cookie fix's reload";
  }
  return null;
}

/** e: {key, rule, setting, error}: what the browser says for the pair after the rule was set. */
export function onCookieFixResult(step, e) {
  const flow = step.s.flows[e.key];
  if (!flow || flow.phase !== "fixing-cookies" || !sameRule(flow.cookieFix?.rule, e.rule)) {
    return step.log(`cookie fix result for ${e.key} ignored`);
  }
  step.clearDeadline(flow);
  const { embedder } = flow.cookieFix;
  // session_only still sends the cookie, for the browser session.
  if (e.setting === "allow" || e.setting === "session_only") {
    flow.cookieFix.at = step.now;
    // Only the CCP frame: the bridge reloads it, the page and the agent's work stay.
    const tabs = [flow.hint?.tabId, ...flow.affectedTabs].filter((t) => t != null);
    flow.cookieFix.reloadedTabs = tabs;
    for (const tabId of tabs) {
      step.emit({ type: "refresh-tab", tabId, connectOrigin: flow.connectOrigin, landingUrl: null });
    }
    flow.affectedTabs = [];
    step.phase(flow, "idle");
    return step.note(flow, `allowed the Amazon Connect cookie inside ${embedder}; the CCP frame reloads`);
  }
  flow.cookieFix = null;
  if (e.error || e.setting == null) return reportCookies(step, flow, { why: "fix-failed", embedder, error: e.error });
  // The rule is set and the browser still blocks the cookie: a policy wins.
  // A rule that cannot work is withdrawn, not left behind.
  step.emit({ type: "withdraw-cookies", rules: [e.rule], reason: RULE_REASONS.policyOverrides });
  return reportCookies(step, flow, { why: "policy-overrides", embedder });
}

/** The fix's deadline passed without an answer from the browser. */
export function onCookieFixTimeout(step, flow) {
  const embedder = flow.cookieFix?.embedder ?? null;
  flow.cookieFix = null;
  reportCookies(step, flow, { why: "fix-failed", embedder, error: "the browser did not answer" });
}

function reportCookies(step, flow, { why, embedder, error = null }) {
  const profile = step.profileConfig(flow.profile);
  const text = cookieDiagnosis({
    why,
    connectOrigin: flow.connectOrigin,
    embedder,
    policyEntry: policyEntry(profile, embedder),
    profileName: profile?.name ?? flow.profile,
    error,
  });
  stopFlow(step, flow, { reason: COOKIE_STOP_REASON, diagnosis: text.diagnosis, title: text.title });
  flow.stop.why = why;
  flow.stop.policyEntry = text.policyEntry;
}
