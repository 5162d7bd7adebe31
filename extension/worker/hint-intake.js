// Turns raw signals (content scripts, webNavigation, the Streams bridge,
// replays after a back-off) into the reducer's `hint` events:
//  - picks the profile (lib/url-rules.js matchProfile) and the flow key;
//  - confirms text hints with the session probe first (a hint the probe
//    contradicts is logged, not acted on);
//  - ignores login pages right after the agent signed out on purpose.
// One navigation can show up several times (onBeforeNavigate, onCommitted,
// the content script): the reducer's single flight absorbs the repeats. No
// time-based de-duplication here: the same login page in the same frame a
// few seconds after a login is the signal that matters most (the session
// didn't stick), and must reach the host.
import { configOf, flowBySignInTab, isActive } from "../lib/flow-state.js";
import { connectPage, matchProfile, parseHttps } from "../lib/url-rules.js";

export const LOGOUT_GRACE_MS = 60_000;

export function createHintIntake({ getState, dispatch, probe, now = Date.now, log = () => {} }) {
  const logouts = new Map(); // tabId → time of the agent's own sign-out

  function flowKey(config, signal) {
    const profile = matchProfile(config.profiles, { frameUrl: signal.frameUrl, tabUrl: signal.tabUrl });
    const connectOrigin = profile?.connectOrigin ?? connectPage(signal.frameUrl)?.origin ?? null;
    const fallback = connectOrigin ?? `unmatched:${parseHttps(signal.tabUrl)?.origin ?? "unknown"}`;
    return { key: profile?.name ?? fallback, profile: profile?.name ?? null, connectOrigin };
  }

  // A text hint needs the probe only when it could start (or fail) a flow.
  function needsProbe(state, signal, target) {
    if (signal.signal !== "text" || signal.category !== "expiry") return false;
    if (flowBySignInTab(state, signal.tabId)) return true;
    const joins = Object.values(state.flows).some((f) => isActive(f) && f.connectOrigin === target.connectOrigin);
    return !joins;
  }

  return {
    noteLogout(tabId) {
      logouts.set(tabId, now());
    },

    /**
     * signal = {signal: "text"|"login-page"|"streams", category: "expiry"|
     * "misconfiguration"|"idp-error", evidence, tabId, windowId, frameId, tabUrl, frameUrl}
     */
    async submit(signal) {
      const state = getState();
      const config = configOf(state);
      if (signal.signal === "login-page") {
        const at = logouts.get(signal.tabId);
        if (at !== undefined && now() - at < LOGOUT_GRACE_MS) {
          log(`login page in tab ${signal.tabId} right after the agent signed out: not an expiry`);
          return "ignored-logout";
        }
      }
      const target = flowKey(config, signal);
      if (needsProbe(state, signal, target) && config.detection.probe.enabled) {
        const result = await probe(target.connectOrigin, config.detection.probe, config.detection.loginPaths);
        const ignore = result === "signed-in" || (result === "unknown" && config.detection.probe.onUnknown === "ignore");
        if (ignore) {
          await dispatch({
            type: "note",
            key: target.key,
            text: `"${signal.evidence}" seen in tab ${signal.tabId}, but the session probe says ${result}: ignored`,
          });
          return "contradicted";
        }
      }
      await dispatch({
        type: "hint",
        ...target,
        signal: signal.signal,
        kind: signal.category,
        evidence: String(signal.evidence ?? "").slice(0, 200),
        tabId: signal.tabId ?? null,
        windowId: signal.windowId ?? null,
        frameId: signal.frameId ?? 0,
        tabUrl: signal.tabUrl ?? "",
        frameUrl: signal.frameUrl ?? "",
      });
      return "dispatched";
    },
  };
}
