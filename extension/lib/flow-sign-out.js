// Sign-outs the company or the agent meant, which a re-login must not undo
// silently (docs/architecture.md, "Deliberate sign-outs"):
//  - the agent's own logout (a Connect /logout page, or the custom CCP's
//    Streams bridge reporting Streams' TERMINATED): the profile's flow goes
//    to `signed-out`, and every expiry of it is left alone until the agent
//    signs in again by hand (a SAML post and the page after it, in a tab
//    that is not the product's), the helpdesk forces a re-login or the
//    agent clicks "Sign in again";
//  - an inactivity sign-out: the agent was idle (chrome.idle) when the
//    session ended, or the session ended well before its cap. Then
//    `relogin.afterInactivity` decides: `on-return` signs in again once the
//    agent is active (at once if they already are), `ask` waits for
//    "Sign in again" (badge, popup, notification), `always` signs in.
// The flow keeps the hint, so the sign-in that follows starts from the page
// that expired. The state lives in chrome.storage.session with every flow:
// a restarted worker remembers it. Each decision is audited.
import { giveFocusBack } from "./flow-attention.js";
import { sessionStarted } from "./flow-refresh.js";
import { sessionEvent } from "./flow-session.js";
import { addAffected, hintOf } from "./flow-state.js";
import { matchProfile } from "./url-rules.js";

// An expiry this long before the cap is not the cap (clocks, Connect's own timing).
export const EARLY_END_MARGIN_MS = 5 * 60_000;
// chrome.idle.onStateChanged reports "active" only after the browser's own
// poll saw "idle"; an agent back within a second of going idle never makes
// that transition. So an on-return sign-out also asks chrome.idle this often.
export const IDLE_RECHECK_MS = 15_000;
const IDLE_STATES = Object.freeze(["idle", "locked"]);

/**
 * Why this expiry looks like an inactivity sign-out, or null. The loop rule
 * comes first: an expiry within guard.postLoginSeconds of a sign-in is the
 * host's to judge (a misconfiguration), never an inactivity.
 */
export function inactivityCause(step, flow, e) {
  const startedAt = flow.sessionStartedAt;
  const age = startedAt == null ? null : step.now - startedAt;
  if (age != null && age < step.config.guard.postLoginSeconds * 1000) return null;
  if (IDLE_STATES.includes(e.agentIdle)) return `the agent was ${e.agentIdle} when the session ended`;
  const capMs = step.config.session.maxSeconds * 1000;
  if (age != null && age < capMs - EARLY_END_MARGIN_MS) {
    return `the session ended after ${Math.round(age / 60_000)} min, before its ${Math.round(capMs / 60_000)} min cap`;
  }
  return null;
}

function signOut(step, flow, signOutState, hint) {
  flow.hint = hint ?? flow.hint;
  flow.signOut = { ...signOutState, at: step.now };
  flow.pending = null;
  step.phase(flow, "signed-out");
  step.clearDeadline(flow);
}

/**
 * A hint for a flow that is idle: true when a deliberate sign-out holds it
 * (the caller then starts nothing), false when the sign-in may go ahead.
 */
export function holdForSignOut(step, flow, e) {
  const cause = inactivityCause(step, flow, e);
  if (!cause) return false;
  const decision = step.config.relogin.afterInactivity;
  if (decision === "always" || (decision === "on-return" && e.agentIdle === "active")) {
    sessionEvent(step, flow, "sign-out-respected", "relogin", `${cause}; afterInactivity ${decision}` +
      (decision === "on-return" ? ", and the agent is active" : ""));
    return false;
  }
  signOut(step, flow, { cause: "inactivity", decision, reason: cause }, hintOf(e));
  sessionEvent(step, flow, "sign-out-respected", decision === "ask" ? "ask" : "wait-for-agent", cause);
  if (decision === "ask") {
    step.emit({
      type: "notify",
      key: flow.key,
      title: "Signed out of Amazon Connect for inactivity",
      message: "Your company signs you out when you are away. Sign in again when you are ready.",
    });
    step.note(flow, `inactivity sign-out (${cause}): waiting for "Sign in again"`);
  } else {
    step.deadline(flow, step.now + IDLE_RECHECK_MS);
    step.note(flow, `inactivity sign-out (${cause}): signing in again once the agent is back`);
  }
  return true;
}

/** The on-return re-check: ask chrome.idle again (the worker answers with agent-active). */
export function onSignedOutAlarm(step, flow) {
  if (flow.signOut?.decision !== "on-return") return;
  step.emit({ type: "check-idle" });
  step.deadline(flow, step.now + IDLE_RECHECK_MS);
}

/** A hint for a flow that is signed out: kept as an affected tab, never acted on. */
export function onHintWhileSignedOut(step, flow, e) {
  addAffected(flow, e.tabId);
  step.log(`[${flow.key}] ${e.signal} hint ignored: signed out (${flow.signOut?.cause ?? "?"})`);
}

/**
 * e: {connectOrigin, tabId, fromPage}: a Connect logout page in a tab, or
 * (fromPage) the custom CCP's Streams bridge saying the agent logged out.
 */
export function onAgentSignedOut(step, e) {
  const profile = step.config.profiles.find((p) => p.connectOrigin === e.connectOrigin);
  const flow = step.flow(profile?.name ?? e.connectOrigin, { profile: profile?.name ?? null, connectOrigin: e.connectOrigin });
  if (flow.phase === "signed-out" && flow.signOut?.cause === "logout") return;
  if (!["idle", "stopped", "waiting", "signed-out"].includes(flow.phase)) {
    if (!e.fromPage) return step.log(`[${flow.key}] logout page during ${flow.phase}: the running sign-in goes on`);
    endForLogout(step, flow);
  }
  signOut(step, flow, { cause: "logout", decision: "stay", reason: "the agent signed out" }, null);
  flow.sessionStartedAt = null;
  sessionEvent(step, flow, "sign-out-respected", "agent-logout", "the agent signed out of Connect");
  step.note(flow, "the agent signed out; no re-login until they sign in again");
}

// The page itself says the agent logged out. A flow running now is most
// likely the expiry that logout shows (a custom CCP that logs out by fetch
// shows "Session expired" in its frame); either way the agent chose to be
// signed out, so it ends: the host ends its sign-in, the tab closes.
function endForLogout(step, flow) {
  if (flow.phase === "signing-in") step.cancelSignIn(flow, "the agent logged out");
  step.closeHelper(flow);
  giveFocusBack(step, flow);
  flow.refresh = null;
  flow.pendingRefresh = [];
}

/**
 * e: {url}: the page a tab that is not a sign-in of ours landed on after a
 * SAML post to AWS: the agent signed in by hand (worker/navigation-watch.js).
 * The profile is the one that page belongs to (its Connect origin, or a
 * returnTo page for an external destination).
 */
export function onAgentSignedIn(step, e) {
  const profile = matchProfile(step.config.profiles, { frameUrl: e.url, tabUrl: e.url });
  if (!profile) return;
  const flow = step.flow(profile.name, { profile: profile.name, connectOrigin: profile.connectOrigin });
  sessionStarted(step, flow);
  if (flow.phase === "signed-out") {
    step.phase(flow, "idle");
    flow.signOut = null;
    step.emit({ type: "clear-notification", key: flow.key });
    step.note(flow, "the agent signed in again by hand");
  } else {
    step.log(`[${flow.key}] the agent signed in by hand; session started`);
  }
}

/** chrome.idle: the agent is active again; on-return sign-outs sign in now. */
export function onAgentActive(step, _e, startDetected) {
  for (const flow of Object.values(step.s.flows)) {
    if (flow.phase !== "signed-out" || flow.signOut?.decision !== "on-return" || !flow.hint) continue;
    sessionEvent(step, flow, "sign-out-respected", "relogin", "the agent is back (chrome.idle active)");
    const affected = flow.affectedTabs;
    startDetected(step, flow, flow.hint);
    flow.affectedTabs = affected;
  }
}
