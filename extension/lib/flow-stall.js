// A sign-in tab that stalls: a navigation in it started, or committed, and
// its document was never parsed (tests/e2e/README.md, "A sign-in tab that
// stalls"). Seen on Entra's auto-posting SAML page: served, never posted.
// Then the tab is navigated to the sign-in URL again, at most
// MAX_STALL_RENAVIGATIONS times per sign-in, each one reported to the host
// for the audit trail (`sign-in-stalled`, docs/protocol.md); one more stall
// fails the sign-in (stage `stalled`), so the host decides on a retry and
// the agent never waits out relogin.timeoutSeconds.
//
// Progress, from the sign-in tab's top frame (worker/navigation-watch.js):
//   started    webNavigation.onBeforeNavigate (https)  → loading
//   committed  webNavigation.onCommitted (https)       → loading
//   parsed     webNavigation.onDOMContentLoaded (https) → settled
// and the product's own navigation of the tab → loading. A settled page may
// sit still as long as it likes: an interactive Entra page (password, MFA)
// waits for the agent. Parsed, not loaded: a page whose images or beacons
// never finish has run its scripts all the same.
import { attentionDueAt } from "./flow-attention.js";
import { failSignIn } from "./flow-sign-in.js";
import { stripQuery } from "./url-rules.js";

export const STALL_AFTER_MS = 8_000;
export const MAX_STALL_RENAVIGATIONS = 2;
const PROGRESS_STEPS = Object.freeze({ started: "loading", committed: "loading", parsed: "settled" });

function watched(flow) {
  return flow?.phase === "signing-in" && !flow.pending && !flow.offline && Boolean(flow.helper);
}

/** When the flow's tab counts as stalled, or Infinity while it can't. */
export function stallDueAt(flow) {
  if (!watched(flow) || flow.tabActivity?.state !== "loading") return Infinity;
  return flow.tabActivity.since + STALL_AFTER_MS;
}

/** The flow's next alarm: its deadline, its stall check or its attention check, whichever is first. */
export function nextWakeAt(flow) {
  return Math.min(flow.deadlineAt ?? Infinity, stallDueAt(flow), attentionDueAt(flow));
}

function armStallCheck(step, flow) {
  const at = nextWakeAt(flow);
  if (Number.isFinite(at)) step.emit({ type: "alarm", key: flow.key, when: at });
}

/** The product navigates the tab (first time, again, a retry): loading from now. */
export function markNavigating(step, flow) {
  flow.tabActivity = { state: "loading", since: step.now };
  armStallCheck(step, flow);
}

/** A new sign-in (relogin) starts with its own budget of re-navigations. */
export function resetStallBudget(flow) {
  flow.stallRenavigations = 0;
}

/** e: {step: "started"|"committed"|"parsed"} from the sign-in tab's top frame. */
export function noteTabProgress(step, flow, e) {
  const state = PROGRESS_STEPS[e.step ?? "committed"];
  if (!state || !watched(flow)) return;
  flow.tabActivity = { state, since: step.now };
  armStallCheck(step, flow); // loading: the stall check; settled: the attention check
}

export function isStallDue(step, flow) {
  return step.now >= stallDueAt(flow);
}

/** The tab made no progress for STALL_AFTER_MS: navigate it again, or fail the sign-in. */
export function onStalled(step, flow) {
  const quietMs = step.now - flow.tabActivity.since;
  const url = flow.lastUrl ?? stripQuery(flow.signInUrl);
  const seconds = Math.round(quietMs / 1000);
  const done = flow.stallRenavigations ?? 0;
  if (done >= MAX_STALL_RENAVIGATIONS) {
    return failSignIn(step, flow, {
      stage: "stalled",
      url,
      evidence: `no progress for ${seconds} s, also after ${done} re-navigations`,
    });
  }
  flow.stallRenavigations = done + 1;
  flow.stallReportId = step.newId();
  step.emit({
    type: "send",
    message: {
      type: "sign-in-stalled",
      id: flow.stallReportId,
      correlationId: flow.correlationId ?? "",
      url,
      renavigation: flow.stallRenavigations,
      quietMs,
    },
  });
  step.emit({ type: "navigate", tabId: flow.helper.tabId, url: flow.signInUrl });
  markNavigating(step, flow);
  step.note(flow, `the sign-in tab made no progress for ${seconds} s at ${url}; navigating it again ` +
    `(${flow.stallRenavigations} of ${MAX_STALL_RENAVIGATIONS})`);
}

/**
 * The host's answer to a sign-in-stalled: `recorded`, or an `error` refusing
 * it. Nothing waits for it; true when it was one.
 */
export function onStallReportAnswer(step, m) {
  if (m.re == null || !["recorded", "error"].includes(m.type)) return false;
  const flow = Object.values(step.s.flows).find((f) => f.stallReportId === m.re);
  if (!flow) return false;
  flow.stallReportId = null;
  if (m.type === "recorded") step.log(`[${flow.key}] the helper recorded the stalled sign-in tab`);
  else step.note(flow, `helper error: ${m.code ?? "?"} ${m.message ?? ""} (sign-in-stalled not recorded)`.trim());
  return true;
}
