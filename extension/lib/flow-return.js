// Bringing the agent back after the login, and the contacts that may delay
// it: the CCP of a tab with a live contact is refreshed only once the contact
// has ended (never drop a live call).
import { giveFocusBack } from "./flow-attention.js";
import { refreshLanded } from "./flow-refresh.js";
import { sessionEvent } from "./flow-session.js";
import { profileLandingUrl, stripQuery } from "./url-rules.js";

const MAX_CONTACTS_PER_TAB = 20;

function refreshEffect(step, flow, tabId) {
  const profile = step.profileConfig(flow.profile);
  return {
    type: "refresh-tab",
    tabId,
    connectOrigin: flow.connectOrigin,
    landingUrl: profile ? profileLandingUrl(profile) : null,
  };
}

export function bringBack(step, flow, returnUrl) {
  flow.pending = null;
  flow.returnUrl = returnUrl;
  const origin = flow.hint?.tabId ?? null;
  const helper = flow.helper;
  // A background refresh: its tab closes and the CCP, which keeps working on
  // the new session cookie, is left alone (flow-refresh.js). Tabs whose
  // expiry joined it meanwhile were stuck, and come back as always.
  const refreshed = Boolean(flow.refresh);
  if (refreshed) refreshLanded(step, flow);
  flow.reportRestored = !refreshed || flow.affectedTabs.length > 0;
  if (refreshed) {
    step.closeHelper(flow);
  } else if (helper?.inPlace) {
    // The expired tab itself signed in: it goes to the host's return URL (the
    // custom CCP), also when it was the Connect CCP (docs/architecture.md, "13. Return").
    if (returnUrl) step.emit({ type: "navigate", tabId: helper.tabId, url: returnUrl });
    flow.helper = null;
  } else if (helper && origin == null) {
    // Nothing to return to (forced login, or the agent closed the tab): the CCP opens here.
    // It opens in the background, as the sign-in did.
    if (flow.mode === "window") {
      step.emit({ type: "open-tab", url: returnUrl });
      step.closeHelper(flow);
    } else {
      step.emit({ type: "navigate", tabId: helper.tabId, url: returnUrl });
      flow.helper = null;
    }
  } else {
    step.closeHelper(flow);
  }
  // The agent stays where they are: nothing is focused unless the sign-in
  // took the focus, and then it goes back (flow-attention.js).
  giveFocusBack(step, flow);

  const tabs = [...(origin != null && !helper?.inPlace ? [origin] : []), ...flow.affectedTabs];
  flow.pendingRefresh = [];
  for (const tabId of tabs) {
    if ((step.s.contacts[tabId] ?? []).length > 0) flow.pendingRefresh.push(tabId);
    else step.emit(refreshEffect(step, flow, tabId));
  }
  flow.affectedTabs = [];
  if (flow.pendingRefresh.length > 0) {
    step.phase(flow, "returning");
    step.clearDeadline(flow);
    step.note(flow, "signed in; the CCP will reload when the current contact ends");
  } else {
    finish(step, flow);
  }
}

function finish(step, flow) {
  step.phase(flow, "idle");
  step.clearDeadline(flow);
  flow.helper = null;
  step.note(flow, "signed in again; the agent is back");
  // How long the agent was stuck (expiry seen → CCP back) and how long the sign-in took.
  if (flow.detectedAt != null && flow.reportRestored !== false) {
    sessionEvent(step, flow, "restored", "agent-back", "", {
      correlationId: flow.correlationId ?? "",
      stuckMs: Math.max(0, step.now - flow.detectedAt),
      signInMs: flow.signInStartedAt != null ? Math.max(0, step.now - flow.signInStartedAt) : 0,
    });
  }
}

function refreshIfFree(step, tabId) {
  for (const flow of Object.values(step.s.flows)) {
    if (flow.phase !== "returning" || !flow.pendingRefresh.includes(tabId)) continue;
    if ((step.s.contacts[tabId] ?? []).length > 0) continue;
    flow.pendingRefresh = flow.pendingRefresh.filter((t) => t !== tabId);
    step.emit(refreshEffect(step, flow, tabId));
    if (flow.pendingRefresh.length === 0) finish(step, flow);
  }
}

// ---- contacts and tabs -------------------------------------------------------

export function onBridgeReady(step, e) {
  step.s.customCcpTabs[e.tabId] = { url: stripQuery(e.url) };
  step.s.contacts[e.tabId] = []; // a new page life: the old page's calls are gone
  // The agent reloaded the custom CCP: its frame loads fresh, nothing to refresh.
  for (const flow of Object.values(step.s.flows)) {
    if (flow.phase === "returning" && flow.pendingRefresh.includes(e.tabId)) {
      flow.pendingRefresh = flow.pendingRefresh.filter((t) => t !== e.tabId);
      if (flow.pendingRefresh.length === 0) finish(step, flow);
    }
  }
}

export function onContactStart(step, e) {
  const list = step.s.contacts[e.tabId] ?? [];
  const id = typeof e.contactId === "string" && e.contactId ? e.contactId : "unknown";
  if (!list.includes(id) && list.length < MAX_CONTACTS_PER_TAB) list.push(id);
  step.s.contacts[e.tabId] = list;
  step.log(`contact ${id} started in tab ${e.tabId}`);
}

export function onContactEnd(step, e) {
  const list = step.s.contacts[e.tabId] ?? [];
  const id = typeof e.contactId === "string" && e.contactId ? e.contactId : null;
  step.s.contacts[e.tabId] = id ? list.filter((c) => c !== id && c !== "unknown") : [];
  step.log(`contact ${id ?? "(all)"} ended in tab ${e.tabId}`);
  refreshIfFree(step, e.tabId);
}

export function onTabRemoved(step, e) {
  const { tabId } = e;
  delete step.s.contacts[tabId];
  delete step.s.customCcpTabs[tabId];
  for (const flow of Object.values(step.s.flows)) {
    flow.affectedTabs = flow.affectedTabs.filter((t) => t !== tabId);
    if (flow.helper?.tabId === tabId) {
      flow.helper = null;
      if (flow.phase === "signing-in") {
        // Final: the host ends this sign-in (so the next expiry, in any browser
        // profile, is decided afresh) and answers stop "cancelled", which
        // nothing waits for once the flow is idle (docs/protocol.md, "stop").
        step.cancelSignIn(flow, "the agent closed the sign-in tab");
        flow.pending = null;
        step.phase(flow, "idle");
        step.clearDeadline(flow);
        step.note(flow, "the sign-in tab was closed; no further attempt");
        giveFocusBack(step, flow);
      }
    }
    if (flow.hint?.tabId === tabId) {
      flow.hint.tabId = null;
      flow.hint.windowId = null;
    }
    if (flow.pendingRefresh.includes(tabId)) {
      flow.pendingRefresh = flow.pendingRefresh.filter((t) => t !== tabId);
      if (flow.phase === "returning" && flow.pendingRefresh.length === 0) finish(step, flow);
    }
  }
}
