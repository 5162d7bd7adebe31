// The extension's state machine, as a pure reducer:
//   reduce(state, event, ctx) → {state, effects}
// `ctx` = {now, newId(), random()}. Effects are plain objects the worker's
// effect runner carries out (send a frame, open a tab, set an alarm…). The
// state is plain JSON: the worker persists it in chrome.storage.session after
// every step, so a restarted service worker resumes mid-flow.
//
// One flow per profile (key = profile name), phases:
//   idle → detected → signing-in → landed → returning → idle
//   plus waiting (host said wait) and stopped (host said stop; no attempt
//   until "Sign in again" or the back-off ends), and idle → fixing-cookies →
//   idle when the browser blocks the Connect cookie in a custom CCP
//   (flow-cookies.js; a stop instead when it can't be fixed).
// Single-flight: while a flow for a Connect origin is active, every other
// hint for that origin (any tab, any window, any profile) joins it as an
// affected tab instead of starting a second login.
//
// Every phase with something outstanding has a deadline (`deadlineAt`), kept
// as one chrome.alarms alarm per flow: the worker may be asleep when it passes.
//
// This file routes events and handles deadlines and the host connection; the
// transitions live in flow-detection.js (starting a flow), flow-host-replies.js,
// flow-sign-in.js, flow-stall.js, flow-return.js and flow-cookies.js; the cookie-rule audit
// in cookie-audit.js; state and helpers in flow-state.js.
import { onForceRelogin, onHint, onSignInAgain, PAGE_SIGNALS, manualHint, startDetected } from "./flow-detection.js";
import { onCookieRuleChanged, resendCookieAudit } from "./cookie-audit.js";
import { onCookieFixResult, onCookieFixTimeout, onCookiesBlocked } from "./flow-cookies.js";
import { onHostMessage, stopFlow } from "./flow-host-replies.js";
import { bringBack, onBridgeReady, onContactEnd, onContactStart, onTabRemoved } from "./flow-return.js";
import {
  failSignIn,
  onHelperOpened,
  onHelperOpenFailed,
  onLanded,
  onOffline,
  onOnline,
  onProgress,
  onSignInFailed,
  retryOffline,
} from "./flow-sign-in.js";
import { HOST_REPLY_TIMEOUT_MS, STOP_RETRY_WITHOUT_HOST_MS, Step } from "./flow-state.js";
import { isAttentionDue, onFocusTaken, onNeedsAgent } from "./flow-attention.js";
import { onAgentActive, onAgentSignedIn, onAgentSignedOut, onSignedOutAlarm } from "./flow-sign-out.js";
import { onRefreshDue, runDeferredRefreshes } from "./flow-refresh.js";
import { isStallDue, nextWakeAt, onStalled } from "./flow-stall.js";

export function reduce(state, event, ctx) {
  const s = structuredClone(state);
  const effects = [];
  const step = new Step(s, effects, ctx);
  const handler = HANDLERS[event?.type];
  if (handler) handler(step, event);
  else step.log(`ignored unknown event ${event?.type}`);
  return { state: s, effects };
}

// ---- deadlines -----------------------------------------------------------------

// One alarm per flow wakes it for its deadline or, while its sign-in tab is
// loading, for the stall check (flow-stall.js), whichever comes first.
function onAlarm(step, e) {
  const flow = step.s.flows[e.key];
  if (!flow || flow.deadlineAt == null) return;
  if (step.now < flow.deadlineAt) {
    if (isStallDue(step, flow)) return onStalled(step, flow);
    if (isAttentionDue(step, flow)) onNeedsAgent(step, flow);
    // Fired early (or a stale alarm, or for a stall check that is moot): arm it again.
    step.emit({ type: "alarm", key: flow.key, when: nextWakeAt(flow) });
    return;
  }
  flow.deadlineAt = null;
  switch (flow.phase) {
    case "detected":
      flow.pending = null;
      step.phase(flow, "idle");
      return step.note(flow, "the ccp-relogin helper did not answer; nothing done");
    case "signing-in":
      if (flow.pending) {
        return stopFlow(step, flow, {
          reason: "no-host-answer",
          diagnosis: "The ccp-relogin helper did not answer after a failed sign-in.",
          retryAfterMs: STOP_RETRY_WITHOUT_HOST_MS,
        });
      }
      if (flow.offline) return retryOffline(step, flow);
      return failSignIn(step, flow, {
        stage: "timeout",
        url: flow.lastUrl ?? flow.signInUrl,
        evidence: `not signed in after ${step.config.relogin.timeoutSeconds} s`,
      });
    case "fixing-cookies":
      return onCookieFixTimeout(step, flow);
    case "signed-out":
      return onSignedOutAlarm(step, flow);
    case "landed":
      step.log(`[${flow.key}] no return from the helper; using the return URL from the relogin`);
      return bringBack(step, flow, flow.returnUrl);
    case "waiting": {
      const hint = flow.hint ?? manualHint(step, flow, "manual", "retry after wait");
      const affected = flow.affectedTabs;
      startDetected(step, flow, hint);
      flow.affectedTabs = affected;
      return undefined;
    }
    case "stopped":
      step.phase(flow, "idle");
      step.note(flow, "back-off ended; re-login allowed again");
      if (flow.hint && PAGE_SIGNALS.includes(flow.hint.signal) && flow.hint.tabId != null) {
        step.emit({ type: "replay-hint", key: flow.key, hint: flow.hint, profile: flow.profile, connectOrigin: flow.connectOrigin });
      }
      return undefined;
    default:
      return undefined;
  }
}

// ---- host connection and configuration ------------------------------------------

function onHostStatus(step, e) {
  const changed = step.s.host.status !== e.status;
  step.s.host = {
    status: e.status,
    hostVersion: e.hostVersion ?? (e.status === "connected" ? step.s.host.hostVersion : null),
    detail: e.detail ?? null,
    since: changed ? step.now : step.s.host.since,
  };
  if (changed) step.note(null, `helper ${e.status}${e.detail ? `: ${e.detail}` : ""}`);
}

function onWelcome(step, e) {
  step.s.welcome = e.config ?? null;
  step.s.problems = Array.isArray(e.problems) ? e.problems.slice(0, 100) : [];
  step._config = null;
  onHostStatus(step, { status: "connected", hostVersion: e.hostVersion ?? null });
  // On a new port, requests lost with the previous port (or a previous
  // worker) go out again. A re-hello on the same port (policy change) must
  // not repeat them: the host would count a second attempt.
  if (!e.fresh) return;
  for (const flow of Object.values(step.s.flows)) {
    if (flow.pending) {
      step.emit({ type: "send", message: flow.pending.message });
      step.deadline(flow, step.now + HOST_REPLY_TIMEOUT_MS);
    }
  }
  resendCookieAudit(step);
}

function onPolicy(step, e) {
  step.s.policy = e.policy ?? null;
  step._config = null;
}

function onPrefs(step, e) {
  step.s.prefs = e.prefs ?? {};
  step._config = null;
}

// worker/login-popup-guard.js closed a window the custom CCP opened towards the sign-in.
function onLoginPopupClosed(step, e) {
  const flow = step.s.flows[e.key] ?? null;
  step.note(flow, `closed the login window the custom CCP opened (${e.url}): this sign-in serves it`);
}

function onNote(step, e) {
  step.note(e.key ? step.s.flows[e.key] ?? null : null, String(e.text ?? ""));
}

const HANDLERS = {
  note: onNote,
  "login-popup-closed": onLoginPopupClosed,
  hint: onHint,
  "force-relogin": onForceRelogin,
  "sign-in-again": onSignInAgain,
  "host-message": onHostMessage,
  "helper-opened": onHelperOpened,
  "helper-open-failed": onHelperOpenFailed,
  progress: onProgress,
  landed: onLanded,
  "sign-in-failed": onSignInFailed,
  offline: onOffline,
  online: onOnline,
  "bridge-ready": onBridgeReady,
  "contact-start": onContactStart,
  "contact-end": (step, e) => {
    onContactEnd(step, e);
    runDeferredRefreshes(step, { startDetected, manualHint });
  },
  "refresh-due": (step, e) => onRefreshDue(step, e, { startDetected, manualHint }),
  "tab-removed": onTabRemoved,
  "focus-taken": onFocusTaken,
  "agent-signed-out": onAgentSignedOut,
  "agent-signed-in": onAgentSignedIn,
  "agent-active": (step, e) => onAgentActive(step, e, startDetected),
  "cookies-blocked": onCookiesBlocked,
  "cookie-fix-result": onCookieFixResult,
  "cookie-rule-changed": onCookieRuleChanged,
  alarm: onAlarm,
  "host-status": onHostStatus,
  welcome: onWelcome,
  policy: onPolicy,
  prefs: onPrefs,
};
