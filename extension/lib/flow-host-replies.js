// Transitions on the host's answers: relogin, wait, stop, return, error
// (recorded, the answer to cookie-rule, is cookie-audit.js's).
// Answers are routed by `re` (the request's id), else by correlationId; an
// answer nothing waits for is stale and changes nothing.
import { onCookieAuditAnswer } from "./cookie-audit.js";
import { giveFocusBack } from "./flow-attention.js";
import { giveUpRefresh } from "./flow-refresh.js";
import { onSessionReportAnswer } from "./flow-session.js";
import { bringBack } from "./flow-return.js";
import { markNavigating, onStallReportAnswer, resetStallBudget } from "./flow-stall.js";
import { STOP_RETRY_WITHOUT_HOST_MS } from "./flow-state.js";
import { parseHttps } from "./url-rules.js";

export const DEFAULT_WAIT_MS = 30_000;

function routeHostMessage(step, m) {
  const flows = Object.values(step.s.flows);
  if (m.re !== undefined && m.re !== null) {
    const byRequest = flows.find((f) => f.pending?.id === m.re);
    if (byRequest) return byRequest;
  }
  if (m.correlationId) return flows.find((f) => f.correlationId === m.correlationId) ?? null;
  return null;
}

export function onHostMessage(step, e) {
  const m = e.message ?? {};
  if (onStallReportAnswer(step, m)) return;
  if (onSessionReportAnswer(step, m)) return;
  if (onCookieAuditAnswer(step, m)) return;
  const flow = routeHostMessage(step, m);
  if (!flow) {
    if (m.type === "error") step.note(null, `helper error: ${m.code ?? "?"} ${m.message ?? ""}`.trim());
    else step.log(`stale or unrouted host message ${m.type}`, { re: m.re ?? null });
    return;
  }
  switch (m.type) {
    case "relogin":
      return onRelogin(step, flow, m);
    case "wait":
      return onWait(step, flow, m);
    case "stop":
      return onStop(step, flow, m);
    case "return":
      return onReturn(step, flow, m);
    case "error":
      return stopFlow(step, flow, {
        reason: `helper-error:${m.code ?? "unknown"}`,
        diagnosis: m.message ?? "The ccp-relogin helper reported an error.",
        retryAfterMs: STOP_RETRY_WITHOUT_HOST_MS,
      });
    default:
      return step.log(`[${flow.key}] unexpected host message ${m.type}`);
  }
}

// relogin.deadlineMs is absolute: milliseconds since the Unix epoch (the host
// and the browser share the machine's clock; tests/contract/). Missing or not
// a positive number: the host set no deadline, relogin.timeoutSeconds applies.
function hostDeadline(deadlineMs) {
  return Number.isFinite(deadlineMs) && deadlineMs > 0 ? deadlineMs : Infinity;
}

function chooseMode(step, flow) {
  const configured = step.config.relogin.mode;
  if (configured !== "in-place") return configured;
  const tabId = flow.hint?.tabId;
  if (tabId == null) {
    step.log(`[${flow.key}] in-place needs the expired tab; none is known, using a tab`);
    return "tab";
  }
  if ((step.s.contacts[tabId] ?? []).length > 0) {
    step.note(flow, "in-place refused: a contact is active in that tab; signing in in a new tab");
    return "tab";
  }
  return "in-place";
}

function onRelogin(step, flow, m) {
  if (!flow.pending || !["expired", "failed"].includes(flow.pending.message.type)) {
    return step.log(`[${flow.key}] relogin ignored in ${flow.phase}`);
  }
  const signIn = parseHttps(m.signInUrl);
  if (!signIn) {
    return stopFlow(step, flow, {
      reason: "invalid-sign-in-url",
      diagnosis: "The ccp-relogin helper sent a sign-in URL that is not https.",
      retryAfterMs: STOP_RETRY_WITHOUT_HOST_MS,
    });
  }
  const profile = typeof m.profile === "string" ? step.profileConfig(m.profile) : null;
  flow.pending = null;
  flow.profile = m.profile ?? flow.profile;
  flow.connectOrigin = profile?.connectOrigin ?? flow.connectOrigin;
  flow.correlationId = m.correlationId ?? null;
  flow.attempt = m.attempt ?? null;
  flow.signInUrl = signIn.href;
  flow.returnUrl = parseHttps(m.returnUrl)?.href ?? null;
  flow.offline = null;
  flow.lastUrl = null;
  flow.tabActivity = null;
  resetStallBudget(flow);
  step.phase(flow, "signing-in");
  flow.signInStartedAt ??= step.now;
  // A deadline already past (a late reply) is due now.
  step.deadline(flow, Math.min(step.now + step.timeoutMs(), Math.max(step.now, hostDeadline(m.deadlineMs))));
  if (flow.helper) {
    step.emit({ type: "navigate", tabId: flow.helper.tabId, url: flow.signInUrl });
    markNavigating(step, flow);
    step.note(flow, `retrying the sign-in (attempt ${flow.attempt ?? "?"})`);
    return;
  }
  flow.mode = chooseMode(step, flow);
  if (flow.mode === "in-place") {
    flow.helper = { tabId: flow.hint.tabId, windowId: flow.hint.windowId, inPlace: true };
    step.emit({ type: "navigate", tabId: flow.hint.tabId, url: flow.signInUrl });
    markNavigating(step, flow);
  } else {
    step.emit({ type: "open-helper", key: flow.key, mode: flow.mode, url: flow.signInUrl, windowId: flow.hint?.windowId ?? null });
  }
  step.note(flow, `signing in (${flow.mode}, attempt ${flow.attempt ?? "?"})`);
}

function onWait(step, flow, m) {
  if (!flow.pending) return step.log(`[${flow.key}] wait ignored in ${flow.phase}`);
  if (flow.refresh && flow.affectedTabs.length === 0) return giveUpRefreshOnReply(step, flow, `the helper asks to wait (${m.reason ?? "wait"})`);
  const delay = Number.isFinite(m.retryAfterMs) ? Math.min(Math.max(m.retryAfterMs, 1000), 3_600_000) : DEFAULT_WAIT_MS;
  flow.pending = null;
  step.closeHelper(flow);
  giveFocusBack(step, flow);
  flow.waitReason = typeof m.reason === "string" ? m.reason : "wait";
  flow.retryAt = step.now + delay;
  step.phase(flow, "waiting");
  step.deadline(flow, flow.retryAt);
  step.note(flow, `the helper asks to wait (${flow.waitReason}), retry in ${Math.round(delay / 1000)} s`);
}

// A refresh the host stops (or asks to wait) is given up quietly: nothing has
// expired yet, and the expiry will be handled as always (flow-refresh.js).
function giveUpRefreshOnReply(step, flow, why) {
  giveFocusBack(step, flow);
  giveUpRefresh(step, flow, why);
}

export function stopFlow(step, flow, { reason, diagnosis, retryAfterMs, title = "Amazon Connect sign-in stopped" }) {
  if (flow.refresh && flow.affectedTabs.length === 0) return giveUpRefreshOnReply(step, flow, `stopped: ${reason ?? "stopped"}`);
  flow.refresh = null;
  flow.pending = null;
  step.closeHelper(flow);
  giveFocusBack(step, flow);
  flow.stop = { reason: reason ?? "stopped", diagnosis: diagnosis ?? "" };
  const delay = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : step.config.guard.windowSeconds * 1000;
  flow.retryAt = step.now + delay;
  flow.pendingRefresh = [];
  step.phase(flow, "stopped");
  step.deadline(flow, flow.retryAt);
  step.emit({
    type: "notify",
    key: flow.key,
    title,
    message: (flow.stop.diagnosis || flow.stop.reason).slice(0, 400),
  });
  step.note(flow, `stopped: ${flow.stop.reason}`, { diagnosis: flow.stop.diagnosis });
}

// The host says until when (`untilMs`, epoch ms) when its back-off has an end.
function onStop(step, flow, m) {
  const retryAfterMs = Number.isFinite(m.untilMs) ? m.untilMs - step.now : m.retryAfterMs;
  stopFlow(step, flow, { reason: m.reason, diagnosis: m.diagnosis, retryAfterMs });
}

function onReturn(step, flow, m) {
  if (flow.phase !== "landed" || flow.pending?.message.type !== "landed") {
    return step.log(`[${flow.key}] return ignored in ${flow.phase}`);
  }
  bringBack(step, flow, parseHttps(m.url)?.href ?? flow.returnUrl);
}
