// The pre-emptive refresh: the agent never sees the session's cap
// (docs/architecture.md, "Session lifecycle").
//
// When: the flow knows when its Connect session began (`sessionStartedAt`:
// our own landing, or the agent's own sign-in seen at the federate step,
// flow-sign-out.js). The refresh window opens `session.refreshBeforeSeconds`
// before the cap (`session.maxSeconds`); the refresh falls at a random
// moment within `session.refreshJitterSeconds` after that, drawn once per
// session, so 10,000 agents who signed in at 08:00 don't reach Entra in the
// same second. 0 jitter: as soon as the window opens.
// Only at a moment with no live contact: the bridge reports contacts; while
// one is live the refresh waits for its end. Without a bridge the extension
// sees no contact, and the refresh runs when due: it never reloads or
// touches the CCP (below), so it cannot drop a call.
// Only while the agent is at the desk (chrome.idle "active", bridge or not):
// a new session resets Connect's own inactivity timeout, so a refresh for an
// agent who is away would undo the company's inactivity sign-out before it
// happened. While the agent is away the refresh is asked again every
// AWAY_RECHECK_MS; one who stays away past the cap meets the expiry, which
// flow-sign-out.js judges as an inactivity sign-out.
// How: the normal flow, started by the extension itself (signal "refresh"),
// so the host's guard, audit and URLs apply. Its sign-in tab opens in the
// background like every sign-in; once it lands the tab closes and nothing
// else happens: the CCP frame keeps working on the new session cookie and is
// not reloaded. A refresh that needs the agent (Entra asks for a password)
// or fails is given up quietly: the expiry, when it comes, is handled as
// always. Each step is reported to the host (`session` refresh).
import { sessionEvent } from "./flow-session.js";
import { isActive } from "./flow-state.js";

export const REFRESH_ALARM = "refresh";
// How often a refresh that waits for an away agent asks chrome.idle again
// (chrome.alarms' own floor in packed builds is 30 s).
export const AWAY_RECHECK_MS = 30_000;
const AWAY_STATES = Object.freeze(["idle", "locked"]);

/** When the flow's session should be refreshed, or null (unknown start, refresh off). */
export function refreshDueAt(flow, session) {
  if (flow?.sessionStartedAt == null || !(session.refreshBeforeSeconds > 0)) return null;
  const windowOpens = flow.sessionStartedAt + (session.maxSeconds - session.refreshBeforeSeconds) * 1000;
  return windowOpens + (flow.refreshJitterMs ?? 0);
}

/** A session began now (a landing, the agent's own sign-in): draw its jitter, arm its refresh. */
export function sessionStarted(step, flow) {
  const session = step.config.session;
  flow.sessionStartedAt = step.now;
  flow.refreshJitterMs = Math.floor(step.random() * session.refreshJitterSeconds * 1000);
  flow.refreshDeferred = null;
  const due = refreshDueAt(flow, session);
  if (due == null || !step.profileConfig(flow.profile)) return;
  step.emit({ type: "refresh-alarm", key: flow.key, when: due });
  step.log(`[${flow.key}] session started; refresh at ${new Date(due).toISOString()}`);
}

function liveContacts(step) {
  return Object.values(step.s.contacts).reduce((n, list) => n + list.length, 0);
}

function startRefresh(step, flow, startDetected, manualHint) {
  flow.refreshDeferred = null;
  const minutesLeft = Math.round((flow.sessionStartedAt + step.config.session.maxSeconds * 1000 - step.now) / 60_000);
  const evidence = `the session ends in ${minutesLeft} min`;
  startDetected(step, flow, manualHint(step, flow, "refresh", evidence));
  flow.refresh = { startedAt: step.now };
  sessionEvent(step, flow, "refresh", "started", evidence);
}

// Waits, reported once per reason: "contact" until the contact ends, "away" until chrome.idle says active.
function deferRefresh(step, flow, why) {
  const reason = why === "contact" ? "a contact is live" : "the agent is away";
  if (flow.refreshDeferred !== why) sessionEvent(step, flow, "refresh", "deferred", reason);
  flow.refreshDeferred = why;
  step.note(flow, `the session's refresh waits: ${reason}`);
}

/** e: {key, agentIdle}: the refresh alarm fired; agentIdle is chrome.idle's state then. */
export function onRefreshDue(step, e, { startDetected, manualHint }) {
  const flow = step.s.flows[e.key];
  if (!flow || isActive(flow) || flow.phase !== "idle") return;
  const due = refreshDueAt(flow, step.config.session);
  if (due == null) return;
  if (step.now < due) return step.emit({ type: "refresh-alarm", key: flow.key, when: due }); // early, or a stale alarm
  if (liveContacts(step) > 0) return deferRefresh(step, flow, "contact");
  if (AWAY_STATES.includes(e.agentIdle)) {
    deferRefresh(step, flow, "away");
    return step.emit({ type: "refresh-alarm", key: flow.key, when: step.now + AWAY_RECHECK_MS });
  }
  startRefresh(step, flow, startDetected, manualHint);
}

/** The last live contact ended: refreshes it held back run now (the agent just finished it: at the desk). */
export function runDeferredRefreshes(step, deps) {
  if (liveContacts(step) > 0) return;
  for (const flow of Object.values(step.s.flows)) {
    if (flow.refreshDeferred === "contact" && flow.phase === "idle") startRefresh(step, flow, deps.startDetected, deps.manualHint);
  }
}

/** The refresh landed: the reporting; the caller closes the tab and ends the flow. */
export function refreshLanded(step, flow) {
  sessionEvent(step, flow, "refresh", "landed", `signed in again in the background in ${step.now - flow.refresh.startedAt} ms`,
    { correlationId: flow.correlationId ?? "" });
  flow.refresh = null;
}

/**
 * A refresh that can't finish by itself (the host stops it or asks to wait,
 * Entra needs the agent) is given up quietly: its tab closes, the flow is
 * idle, and the expiry will be handled as usual when it comes.
 */
export function giveUpRefresh(step, flow, reason) {
  flow.pending = null;
  step.closeHelper(flow);
  sessionEvent(step, flow, "refresh", "failed", reason, { correlationId: flow.correlationId ?? "" });
  flow.refresh = null;
  step.note(flow, `the background refresh was given up (${reason}); the expiry will be handled when it comes`);
  step.phase(flow, "idle");
  step.clearDeadline(flow);
}
