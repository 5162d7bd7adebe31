// When the sign-in needs the agent, and giving the agent's focus back.
//
// The sign-in runs where the agent doesn't see it: an inactive tab, a
// minimized window, or the expired tab itself (docs/architecture.md, step 11,
// "Focus").
// A silent sign-in moves from page to page on its own; a page that needs the
// agent (Entra's account picker, password, MFA) is parsed and then sits still.
// So: the sign-in tab's top frame parsed a page (flow-stall.js: "settled") and
// no navigation started for ATTENTION_AFTER_MS → that page comes to the
// front, with a notification. The worker first notes which tab was active in
// every window and which window had focus (`focus-taken`); once the sign-in
// ends (landed, failed, stopped), that is restored. A sign-in that never
// needed the agent never touched the focus, so there is nothing to restore.
//
// Entra's auto-posting SAML page and the launcher redirect navigate again
// within milliseconds of being parsed; 2.5 s of stillness is a page that
// waits for a person.
import { giveUpRefresh } from "./flow-refresh.js";

export const ATTENTION_AFTER_MS = 2_500;

function waitingForAgent(flow) {
  return (
    flow?.phase === "signing-in" &&
    !flow.pending &&
    !flow.offline &&
    Boolean(flow.helper) &&
    !flow.attention &&
    flow.tabActivity?.state === "settled"
  );
}

/** When the flow's sign-in page counts as waiting for the agent, or Infinity. */
export function attentionDueAt(flow) {
  return waitingForAgent(flow) ? flow.tabActivity.since + ATTENTION_AFTER_MS : Infinity;
}

export function isAttentionDue(step, flow) {
  return step.now >= attentionDueAt(flow);
}

/**
 * The sign-in page waits for the agent: bring it to the front, once per
 * sign-in. A background refresh is not worth the agent's attention: it ends
 * the sign-in instead (the host hears `failed` stage cancelled and answers a
 * stop nothing waits for), and the expiry, when it comes, asks the agent.
 */
export function onNeedsAgent(step, flow) {
  if (flow.refresh && flow.affectedTabs.length === 0) {
    step.cancelSignIn(flow, "the background refresh needs the agent: left for the expiry");
    return giveUpRefresh(step, flow, "Entra asks for the agent");
  }
  flow.attention = { at: step.now, url: flow.lastUrl ?? null };
  step.emit({ type: "bring-forward", key: flow.key, tabId: flow.helper.tabId, windowId: flow.helper.windowId, mode: flow.mode });
  step.emit({
    type: "notify-attention",
    key: flow.key,
    title: "Sign in to Amazon Connect",
    message: "Microsoft asks you to finish signing in. Your work stays where it is.",
  });
  step.note(flow, `the sign-in page waits for the agent; brought to the front (${flow.lastUrl ?? "?"})`);
}

/** e: {key, snapshot}: what was in front before the sign-in page came forward. */
export function onFocusTaken(step, e) {
  const flow = step.s.flows[e.key];
  if (!flow || !e.snapshot) return;
  flow.focusBefore ??= e.snapshot; // the first one: a second bring-forward sees our own tab
}

/** The sign-in is over: the agent's tabs and window as they were, if the sign-in took them. */
export function giveFocusBack(step, flow) {
  if (flow.attention) step.emit({ type: "clear-attention", key: flow.key });
  if (flow.focusBefore) step.emit({ type: "restore-focus", snapshot: flow.focusBefore });
  flow.attention = null;
  flow.focusBefore = null;
}
