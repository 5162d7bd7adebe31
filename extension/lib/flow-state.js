// The state machine's state and the helpers every transition uses. The
// transitions live in flow-detection.js, flow-host-replies.js,
// flow-sign-in.js and flow-return.js; flow-reducer.js routes events to them.
//
// State (plain JSON, persisted in chrome.storage.session):
//   host        {status, hostVersion, detail, since}
//   welcome     welcome.config as the host sent it; problems: welcome.problems
//   policy      chrome.storage.managed; prefs: the options page
//   flows       profile name → flow (phase, hint, helper, correlationId, …)
//   contacts    tabId → active contact IDs (Streams bridge)
//   customCcpTabs  tabId → {url}: tabs where the bridge runs
//   cookieAudit [{id, message}]: cookie-rule changes the host has not yet
//               recorded (cookie-audit.js), re-sent on every new port
//   lastEvent   {at, key, text} for the popup
import { effectiveConfig } from "./config-view.js";
import { popupGuardEffects } from "./login-popup-guard.js";

export const HOST_REPLY_TIMEOUT_MS = 30_000;
export const STOP_RETRY_WITHOUT_HOST_MS = 5 * 60_000;
export const MAX_EVIDENCE = 200; // characters of `evidence` sent to the host

// fixing-cookies: the extension is allowing the Connect cookie in a custom
// CCP (flow-cookies.js); other signals for that Connect origin join it.
export const ACTIVE_PHASES = Object.freeze(["detected", "signing-in", "landed", "returning", "fixing-cookies"]);

export function initialState() {
  return {
    version: 1,
    host: { status: "connecting", hostVersion: null, detail: null, since: 0 },
    welcome: null, // welcome.config as the host sent it
    problems: [], // welcome.problems
    policy: null, // chrome.storage.managed
    prefs: {}, // options page
    flows: {},
    contacts: {}, // tabId → active contact IDs (from the Streams bridge)
    customCcpTabs: {}, // tabId → {url}: tabs where the bridge runs
    cookieAudit: [], // cookie-rule changes waiting for the host's "recorded"
    lastEvent: null,
  };
}

export function isActive(flow) {
  return ACTIVE_PHASES.includes(flow?.phase);
}

/** The flow whose sign-in runs in this tab (helper tab/window or in-place tab). */
const MAX_AFFECTED_TABS = 20;

/** The fields of a hint event a flow keeps (the page, the frame, the evidence). */
export function hintOf(e) {
  return {
    signal: e.signal,
    evidence: e.evidence,
    tabId: e.tabId ?? null,
    windowId: e.windowId ?? null,
    frameId: e.frameId ?? 0,
    tabUrl: e.tabUrl ?? "",
    frameUrl: e.frameUrl ?? "",
  };
}

/** Another tab the same expiry shows in: refreshed with the flow's own tab, at most 20. */
export function addAffected(flow, tabId) {
  if (tabId == null || tabId === flow.hint?.tabId || flow.affectedTabs.includes(tabId)) return;
  if (flow.affectedTabs.length < MAX_AFFECTED_TABS) flow.affectedTabs.push(tabId);
}

export function flowBySignInTab(state, tabId) {
  if (tabId == null) return null;
  return Object.values(state.flows).find((f) => f.helper?.tabId === tabId && isActive(f)) ?? null;
}

export function configOf(state) {
  return effectiveConfig(state.welcome, { policy: state.policy, prefs: state.prefs });
}

// Shared helpers for one reduction: the draft state, the effects list, ctx.
export class Step {
  constructor(state, effects, ctx) {
    this.s = state;
    this.effects = effects;
    this.now = ctx.now;
    this.newId = ctx.newId;
    this.random = ctx.random ?? Math.random;
    this._config = null;
  }

  get config() {
    this._config ??= configOf(this.s);
    return this._config;
  }

  emit(effect) {
    this.effects.push(effect);
  }

  log(text, data) {
    this.emit({ type: "log", text, ...(data ? { data } : {}) });
  }

  // Records what happened last, for the popup, and logs it.
  note(flow, text, data) {
    const entry = { at: this.now, key: flow?.key ?? null, text };
    if (flow) flow.lastEvent = entry;
    this.s.lastEvent = entry;
    this.log(flow ? `[${flow.key}] ${text}` : text, data);
  }

  profileConfig(name) {
    return this.config.profiles.find((p) => p.name === name) ?? null;
  }

  flow(key, init = {}) {
    let flow = this.s.flows[key];
    if (!flow) {
      flow = {
        key,
        profile: init.profile ?? null,
        connectOrigin: init.connectOrigin ?? null,
        phase: "idle",
        since: this.now,
        hint: null,
        affectedTabs: [],
        pending: null,
        correlationId: null,
        attempt: null,
        signInUrl: null,
        returnUrl: null,
        mode: null,
        helper: null,
        deadlineAt: null,
        offline: null,
        lastUrl: null,
        tabActivity: null, // {state: "loading"|"settled", since}: the sign-in tab's progress (flow-stall.js)
        stallRenavigations: 0, // re-navigations of a stalled tab in this sign-in
        stallReportId: null, // the id of the last sign-in-stalled sent
        stop: null,
        retryAt: null,
        waitReason: null,
        pendingRefresh: [],
        cookieFix: null, // {rule, embedder, at}: the cookie rule this flow set (flow-cookies.js)
        signOut: null, // {cause: "logout"|"inactivity", decision, reason, at} in phase signed-out (flow-sign-out.js)
        sessionStartedAt: null, // when the Connect session began: our landing, or the agent's own sign-in
        refreshJitterMs: 0, // this session's draw of session.refreshJitterSeconds (flow-refresh.js)
        refreshDeferred: null, // the refresh is due and waits: "contact" (a live contact) or "away" (chrome.idle), flow-refresh.js
        refresh: null, // {startedAt}: this flow is a background refresh
        detectedAt: null, // when this flow's expiry was seen
        signInStartedAt: null, // when its first sign-in attempt began
        attention: null, // {at, url}: the sign-in page was brought to the front (flow-attention.js)
        focusBefore: null, // what was in front before that, restored afterwards
        lastEvent: null,
      };
      this.s.flows[key] = flow;
    }
    if (init.profile && !flow.profile) flow.profile = init.profile;
    if (init.connectOrigin && !flow.connectOrigin) flow.connectOrigin = init.connectOrigin;
    return flow;
  }

  // Every phase change passes here; so does each new sign-in attempt
  // (signing-in again), which renews the guard against Streams' popup.
  phase(flow, phase) {
    const from = flow.phase;
    if (from !== phase) {
      flow.phase = phase;
      flow.since = this.now;
    }
    popupGuardEffects(this, flow, from, phase);
  }

  deadline(flow, at) {
    flow.deadlineAt = at;
    this.emit({ type: "alarm", key: flow.key, when: at });
  }

  clearDeadline(flow) {
    flow.deadlineAt = null;
    this.emit({ type: "clear-alarm", key: flow.key });
  }

  // Sends a request whose answer the flow waits for; re-sent after a reconnect.
  request(flow, message) {
    const id = this.newId();
    flow.pending = { id, message: { ...message, id } };
    this.emit({ type: "send", message: flow.pending.message });
    this.deadline(flow, this.now + HOST_REPLY_TIMEOUT_MS);
  }

  // Ends the sign-in in flight for good: the host answers stop "cancelled",
  // which nothing waits for (docs/protocol.md, "stop").
  cancelSignIn(flow, evidence) {
    this.emit({
      type: "send",
      message: {
        type: "failed",
        id: this.newId(),
        correlationId: flow.correlationId ?? "",
        stage: "cancelled",
        url: flow.lastUrl ?? "",
        evidence,
      },
    });
  }

  closeHelper(flow) {
    if (flow.helper && !flow.helper.inPlace) {
      this.emit({ type: "close-helper", tabId: flow.helper.tabId, windowId: flow.helper.windowId, mode: flow.mode });
    }
    flow.helper = null;
  }

  timeoutMs() {
    return this.config.relogin.timeoutSeconds * 1000;
  }
}
