// Transitions that start a flow: a hint from a page, a helpdesk
// force-relogin, the agent's "Sign in again". Also where single-flight is
// decided: a hint for a Connect origin that already has a running flow joins it.
import { reportPredatesReload } from "./flow-cookies.js";
import { failSignIn } from "./flow-sign-in.js";
import { holdForSignOut, onHintWhileSignedOut } from "./flow-sign-out.js";
import { addAffected, flowBySignInTab, hintOf, isActive, MAX_EVIDENCE } from "./flow-state.js";
import { profileLandingUrl, signInStage, stripQuery } from "./url-rules.js";


// Signals that come from a page, the only ones protocol v1 hosts accept.
// "forced" (helpdesk) and "manual" ("Sign in again" with no expired page)
// travel as "text", with the trigger spelled out in the evidence and the
// profile named (no page to choose it from); hosts ignore unknown fields.
export const PAGE_SIGNALS = Object.freeze(["text", "login-page", "streams"]);

function expiredMessage(hint) {
  const page = PAGE_SIGNALS.includes(hint.signal);
  const evidence = page ? String(hint.evidence ?? "") : `${hint.signal}: ${hint.evidence ?? ""}`;
  const message = {
    type: "expired",
    tabUrl: stripQuery(hint.tabUrl),
    frameUrl: stripQuery(hint.frameUrl),
    signal: page ? hint.signal : "text",
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
  if (!page && hint.profile) message.profile = hint.profile;
  return message;
}

export function startDetected(step, flow, hint) {
  flow.hint = hint;
  flow.stop = null;
  flow.retryAt = null;
  flow.waitReason = null;
  flow.correlationId = null;
  flow.attempt = null;
  flow.pendingRefresh = [];
  flow.offline = null;
  flow.attention = null;
  flow.focusBefore = null;
  flow.signOut = null;
  flow.refresh = null;
  flow.reportRestored = true;
  flow.detectedAt = step.now;
  flow.signInStartedAt = null;
  step.phase(flow, "detected");
  step.emit({ type: "clear-notification", key: flow.key });
  step.request(flow, expiredMessage(hint));
  step.note(flow, `expiry detected (${hint.signal}: ${hint.evidence})`);
}

export function manualHint(step, flow, signal, evidence, originTab = null) {
  const profile = step.profileConfig(flow.profile ?? flow.key);
  const landing = profile ? profileLandingUrl(profile) : flow.connectOrigin;
  return {
    signal,
    evidence,
    profile: flow.profile ?? flow.key,
    tabId: originTab?.tabId ?? null,
    windowId: originTab?.windowId ?? null,
    frameId: 0,
    tabUrl: originTab?.url ?? profile?.returnTo?.[0] ?? landing ?? "",
    frameUrl: landing ?? "",
  };
}

export function onHint(step, e) {
  // As in onCookiesBlocked: judged again now that the report has waited for its probe.
  const stale = reportPredatesReload(step.s, e, step.now);
  if (stale) return step.log(`${e.signal} report from tab ${e.tabId} is from the document before ${stale}: ignored`);
  const signInFlow = flowBySignInTab(step.s, e.tabId);
  if (signInFlow) {
    // A signal inside the sign-in tab: the login itself went wrong. Only
    // once the sign-in has loaded a page there: before that (in-place mode),
    // a late duplicate of the original expiry must not count as a failure.
    if (signInFlow.phase === "signing-in" && !signInFlow.pending && signInFlow.lastUrl) {
      failSignIn(step, signInFlow, {
        stage: signInStage(e.frameUrl) === "other" ? "connect" : signInStage(e.frameUrl),
        url: e.frameUrl,
        evidence: `${e.kind}: ${e.evidence}`,
      });
    } else {
      step.log(`[${signInFlow.key}] ignored ${e.kind} hint in the sign-in tab during ${signInFlow.phase}`);
    }
    return;
  }
  if (e.kind && e.kind !== "expiry") {
    step.log(`ignored ${e.kind} hint outside a sign-in tab`, { evidence: e.evidence });
    return;
  }
  const joined = Object.values(step.s.flows).find(
    (f) => isActive(f) && e.connectOrigin && f.connectOrigin === e.connectOrigin,
  );
  if (joined) {
    addAffected(joined, e.tabId);
    step.log(`[${joined.key}] single-flight: ${e.signal} hint from tab ${e.tabId} joins the running flow`);
    return;
  }
  const flow = step.flow(e.key, { profile: e.profile, connectOrigin: e.connectOrigin });
  const hint = hintOf(e);
  if (flow.phase === "signed-out") {
    onHintWhileSignedOut(step, flow, e);
  } else if (flow.phase === "idle" || (flow.phase === "stopped" && step.now >= flow.retryAt)) {
    if (!holdForSignOut(step, flow, e)) startDetected(step, flow, hint);
  } else if (flow.phase === "waiting") {
    addAffected(flow, e.tabId);
    step.log(`[${flow.key}] waiting (${flow.waitReason}); hint from tab ${e.tabId} noted`);
  } else {
    step.log(`[${flow.key}] stopped; hint ignored until "Sign in again" or the back-off ends`);
  }
}

export function onForceRelogin(step, e) {
  const name = e.profile;
  if (typeof name !== "string" || !name) return step.log("force-relogin without a profile ignored");
  const profile = step.profileConfig(name);
  const flow = step.flow(name, { profile: name, connectOrigin: profile?.connectOrigin ?? null });
  if (isActive(flow)) return step.note(flow, "helpdesk asked for a re-login; one is already running");
  startDetected(step, flow, manualHint(step, flow, "forced", e.reason ?? "helpdesk", e.originTab));
}


export function onSignInAgain(step, e) {
  const profile = step.profileConfig(e.key);
  const flow = step.flow(e.key, { profile: profile?.name ?? null, connectOrigin: profile?.connectOrigin ?? null });
  if (isActive(flow)) return step.log(`[${flow.key}] "Sign in again" ignored: ${flow.phase}`);
  step.note(flow, 'the agent clicked "Sign in again"');
  const previous = flow.hint;
  if (previous && previous.tabId != null && PAGE_SIGNALS.includes(previous.signal)) {
    // The page that expired is still open: report it again, as it was.
    return startDetected(step, flow, previous);
  }
  const origin = previous?.tabId != null
    ? { tabId: previous.tabId, windowId: previous.windowId, url: previous.tabUrl }
    : null;
  return startDetected(step, flow, manualHint(step, flow, "manual", "the agent clicked Sign in again", origin));
}
