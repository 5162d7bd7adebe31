// Turns raw signals (content scripts, webNavigation, the Streams bridge,
// replays after a back-off) into the reducer's `hint` events:
//  - picks the profile (lib/url-rules.js matchProfile) and the flow key;
//  - confirms text hints with the session probe first (a hint the probe
//    contradicts is logged, not acted on);
//  - notes whether the agent is idle (chrome.idle) when the expiry shows, for
//    the reducer's inactivity rule (lib/flow-sign-out.js);
//  - recognises a Connect frame the browser keeps the cookie out of
//    (docs/facts.md, "Third-party cookies") and reports it as
//    cookies-blocked instead of a hint: no sign-in can help there.
//    Cookies blocked for the Connect site at all; or, in a Connect frame
//    embedded cross-site whose cookie the browser blocks, an expiry that the
//    session probe contradicts. The probe runs from the worker, which the
//    browser sends the cookie to, so "signed in" there and "expired" in the
//    frame is that signature.
// One navigation can show up several times (onBeforeNavigate, onCommitted,
// the content script): the reducer's single flight absorbs the repeats. No
// time-based de-duplication here: the same login page in the same frame a
// few seconds after a login is the signal that matters most (the session
// didn't stick), and must reach the host.
import { crossSiteEmbedder } from "../lib/cookie-rules.js";
import { reportPredatesReload } from "../lib/flow-cookies.js";
import { configOf, flowBySignInTab, isActive } from "../lib/flow-state.js";
import { connectPage, matchProfile, parseHttps } from "../lib/url-rules.js";

// `cookies` is worker/cookie-settings.js (null: the cookie checks are skipped);
// `queryIdle` answers "active", "idle" or "locked" (worker/agent-idle.js).
export function createHintIntake({
  getState, dispatch, probe, cookies = null, queryIdle = async () => "active", now = Date.now, log = () => {},
}) {
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

  function hintFields(signal) {
    return {
      signal: signal.signal,
      evidence: String(signal.evidence ?? "").slice(0, 200),
      tabId: signal.tabId ?? null,
      windowId: signal.windowId ?? null,
      frameId: signal.frameId ?? 0,
      tabUrl: signal.tabUrl ?? "",
      frameUrl: signal.frameUrl ?? "",
      // The reducer judges staleness again when the event lands: the fix
      // may have reloaded the frame while this report was being probed.
      documentStartedAt: Number.isFinite(signal.documentStartedAt) ? signal.documentStartedAt : null,
    };
  }

  // {event} when the browser keeps the Connect cookie out (see the top);
  // {probed} when the probe ran but the cookie is not the cause, so a text
  // hint is not probed twice; null otherwise. A frame fixed in this session
  // is checked again even when the browser now allows its cookie: still
  // signed out after the fix must be said, not ignored.
  async function cookieVerdict(state, config, signal, target) {
    // A page of no profile is the host's to answer (stop no-profile).
    if (!cookies || !target.profile || !target.connectOrigin || signal.category !== "expiry") return null;
    if (flowBySignInTab(state, signal.tabId)) return null;
    const embedder = crossSiteEmbedder(signal.tabUrl, signal.frameUrl);
    const facts = await cookies.inspect(target.connectOrigin, embedder);
    if (!facts) return null;
    const event = { type: "cookies-blocked", ...target, embedder, facts, ...hintFields(signal) };
    if (facts.site === "block") return { event };
    if (!embedder || !config.detection.probe.enabled) return null;
    const fixed = state.flows[target.key]?.cookieFix;
    if (facts.pair !== "block" && !(fixed?.at != null && fixed.embedder === embedder)) return null;
    const probed = await probe(target.connectOrigin, config.detection.probe, config.detection.loginPaths);
    return probed === "signed-in" ? { event } : { probed };
  }

  return {
    /**
     * signal = {signal: "text"|"login-page"|"streams", category: "expiry"|
     * "misconfiguration"|"idp-error", evidence, tabId, windowId, frameId, tabUrl, frameUrl}
     */
    async submit(signal) {
      const state = getState();
      const config = configOf(state);
      const reload = reportPredatesReload(state, signal, now());
      if (reload) {
        log(`${signal.signal} report from tab ${signal.tabId} is from the document before ${reload}: ignored`);
        return "stale";
      }
      const target = flowKey(config, signal);
      const verdict = await cookieVerdict(state, config, signal, target);
      if (verdict?.event) {
        await dispatch(verdict.event);
        return "cookies-blocked";
      }
      if (needsProbe(state, signal, target) && config.detection.probe.enabled) {
        const result =
          verdict?.probed ?? (await probe(target.connectOrigin, config.detection.probe, config.detection.loginPaths));
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
      const agentIdle = await queryIdle();
      await dispatch({ type: "hint", ...target, kind: signal.category, ...hintFields(signal), agentIdle });
      return "dispatched";
    },
  };
}
