// Transitions while the sign-in runs in its tab (or window, or the expired
// tab in-place): the tab opening, progress, landing, failures, network down.
import { backoffDelay, OFFLINE_RETRY_BACKOFF } from "./backoff.js";
import { sessionStarted } from "./flow-refresh.js";
import { MAX_EVIDENCE } from "./flow-state.js";
import { markNavigating, noteTabProgress } from "./flow-stall.js";
import { stripQuery } from "./url-rules.js";

export function failSignIn(step, flow, { stage, url, evidence }) {
  step.request(flow, {
    type: "failed",
    correlationId: flow.correlationId ?? "",
    stage,
    url: stripQuery(url ?? ""),
    evidence: String(evidence ?? "").slice(0, MAX_EVIDENCE),
  });
  step.note(flow, `sign-in failed at ${stage}: ${evidence}`);
}

function signingFlow(step, key) {
  const flow = step.s.flows[key];
  return flow && flow.phase === "signing-in" && !flow.pending ? flow : null;
}

export function onHelperOpened(step, e) {
  const flow = step.s.flows[e.key];
  if (flow && flow.phase === "signing-in" && !flow.helper) {
    flow.helper = { tabId: e.tabId, windowId: e.windowId, inPlace: false };
    step.emit({ type: "navigate", tabId: e.tabId, url: flow.signInUrl });
    markNavigating(step, flow);
    return step.log(`[${flow.key}] sign-in ${flow.mode} opened: tab ${e.tabId}`);
  }
  // The flow moved on (stop, timeout) while the tab was being created.
  step.emit({ type: "close-helper", tabId: e.tabId, windowId: e.windowId, mode: e.mode ?? flow?.mode ?? "tab" });
}

export function onHelperOpenFailed(step, e) {
  const flow = signingFlow(step, e.key);
  if (flow) failSignIn(step, flow, { stage: "open", url: "", evidence: e.error ?? "could not open the sign-in tab" });
}

// e.step: "started", "committed" (the default) or "parsed" (flow-stall.js).
export function onProgress(step, e) {
  const flow = step.s.flows[e.key];
  if (!flow || flow.phase !== "signing-in") return;
  if ((e.step ?? "committed") === "committed") flow.lastUrl = stripQuery(e.url);
  if (flow.offline) {
    // The network is back: give the sign-in its full time again.
    flow.offline = null;
    step.deadline(flow, step.now + step.timeoutMs());
    step.note(flow, "network is back; sign-in continues");
  }
  noteTabProgress(step, flow, e);
}

export function onLanded(step, e) {
  const flow = signingFlow(step, e.key);
  if (!flow) return;
  step.phase(flow, "landed");
  sessionStarted(step, flow);
  flow.offline = null;
  flow.lastUrl = stripQuery(e.url);
  step.request(flow, { type: "landed", correlationId: flow.correlationId, url: stripQuery(e.url) });
  step.note(flow, "Connect is signed in again");
}

export function onSignInFailed(step, e) {
  const flow = signingFlow(step, e.key);
  if (flow) failSignIn(step, flow, e);
}

export function retryOffline(step, flow) {
  step.emit({ type: "navigate", tabId: flow.helper.tabId, url: flow.signInUrl });
  step.deadline(flow, step.now + step.timeoutMs());
  step.log(`[${flow.key}] retrying the sign-in after a network error (retry ${flow.offline.retries + 1})`);
  markNavigating(step, flow);
}

export function onOffline(step, e) {
  const flow = signingFlow(step, e.key);
  if (!flow || !flow.helper) return;
  const retries = flow.offline ? flow.offline.retries + 1 : 0;
  flow.offline = { retries, error: e.error, since: flow.offline?.since ?? step.now };
  const delay = backoffDelay(retries, OFFLINE_RETRY_BACKOFF, step.random);
  step.deadline(flow, step.now + delay);
  step.note(flow, `network down (${e.error}); retry in ${Math.round(delay / 1000)} s`);
}

export function onOnline(step) {
  for (const flow of Object.values(step.s.flows)) {
    if (flow.phase === "signing-in" && !flow.pending && flow.offline && flow.helper) retryOffline(step, flow);
  }
}
