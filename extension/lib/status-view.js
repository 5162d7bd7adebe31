// What the badge, the popup and the options page show, computed from the
// persisted state. Pure, so the wording is unit-tested.
import { COOKIE_STOP_REASON } from "./cookie-diagnosis.js";
import { describeHostStatus, needsInstall } from "./host-status.js";
import { configOf, isActive } from "./flow-state.js";

const PHASE_ORDER = ["stopped", "signed-out", "signing-in", "fixing-cookies", "landed", "returning", "detected", "waiting", "idle"];

export const PHASE_LABELS = Object.freeze({
  idle: "Watching",
  detected: "Session expired — asking the ccp-relogin helper",
  "signing-in": "Signing you in again…",
  landed: "Signed in — bringing you back",
  returning: "Signed in — the CCP reloads when the current contact ends",
  waiting: "Waiting before the next attempt",
  stopped: "Stopped",
  "signed-out": "Signed out",
  "fixing-cookies": "The browser blocks the Amazon Connect cookie in the custom CCP — allowing it there…",
});

// A stop because the browser blocks the Connect cookie: a sign-in cannot fix
// it, so the agent reads what is wrong instead of a bare "Stopped".
const COOKIE_STOP_LABEL = "Stopped — the browser blocks the Amazon Connect cookie in the custom CCP";

const BADGES = Object.freeze({
  stopped: { text: "stop", color: "#C62828" },
  "signed-out": { text: "out", color: "#616161" },
  "signed-out-ask": { text: "out", color: "#F9A825" },
  offline: { text: "off", color: "#616161" },
  "signing-in": { text: "in", color: "#1565C0" },
  detected: { text: "?", color: "#F9A825" },
  landed: { text: "ok", color: "#2E7D32" },
  returning: { text: "call", color: "#6A1B9A" },
  waiting: { text: "wait", color: "#616161" },
  idle: { text: "", color: "#2E7D32" },
  "fixing-cookies": { text: "ck", color: "#1565C0" },
  cookies: { text: "ck", color: "#C62828" },
});

const isCookieStop = (flow) => flow?.phase === "stopped" && flow.stop?.reason === COOKIE_STOP_REASON;

// A deliberate sign-out (flow-sign-out.js) says which, and what happens next.
const SIGNED_OUT_LABELS = Object.freeze({
  logout: "Signed out — you signed out; sign in again when you are ready",
  ask: "Signed out for inactivity — click Sign in again when you are ready",
  "on-return": "Signed out for inactivity — you are signed in again when you are back",
});

function phaseLabel(flow) {
  if (!flow) return PHASE_LABELS.idle;
  if (flow.refresh && isActive(flow)) return "Renewing your Amazon Connect session in the background";
  if (flow.phase === "signed-out") {
    return SIGNED_OUT_LABELS[flow.signOut?.cause === "logout" ? "logout" : flow.signOut?.decision] ?? PHASE_LABELS["signed-out"];
  }
  if (isCookieStop(flow)) return COOKIE_STOP_LABEL;
  if (flow.phase === "signing-in" && flow.offline) return "Network down — retrying the sign-in";
  return PHASE_LABELS[flow.phase] ?? flow.phase;
}

/** The flow the agent most needs to see: stopped first, idle last, then newest. */
export function primaryFlow(state) {
  const flows = Object.values(state.flows ?? {});
  flows.sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || b.since - a.since);
  return flows[0] ?? null;
}

function flowBadgeKey(flow) {
  if (!flow || flow.refresh) return "idle"; // a background refresh is the agent's business only if it fails
  if (flow.phase === "signing-in" && flow.offline) return "offline";
  if (isCookieStop(flow)) return "cookies";
  if (flow.phase === "signed-out" && flow.signOut?.decision === "ask") return "signed-out-ask";
  return flow.phase;
}

export function badgeFor(state, env) {
  const host = describeHostStatus(state.host, env);
  if (needsInstall(state.host?.status)) return { text: "!", color: "#C62828", title: `ccp-relogin: ${host.summary}` };
  const flow = primaryFlow(state);
  const badge = BADGES[flowBadgeKey(flow)] ?? BADGES.idle;
  return { ...badge, title: `ccp-relogin: ${phaseLabel(flow)}${flow?.profile ? ` (${flow.profile})` : ""}` };
}

/** The popup's content. */
export function popupModel(state, env) {
  const host = describeHostStatus(state.host, env);
  const flow = primaryFlow(state);
  const config = configOf(state);
  const key = flow?.key ?? config.profiles[0]?.name ?? null;
  const hostUsable = state.host?.status === "connected";
  return {
    host: { status: state.host?.status ?? "connecting", summary: host.summary, fix: host.fix },
    state: flow?.phase ?? "idle",
    stateLabel: phaseLabel(flow),
    profile: flow?.profile ?? flow?.key ?? config.profiles[0]?.name ?? "",
    lastEvent: state.lastEvent ? { at: state.lastEvent.at, text: state.lastEvent.text } : null,
    diagnosis: flow?.phase === "stopped" ? flow.stop?.diagnosis || flow.stop?.reason || ""
      : flow?.phase === "signed-out" ? flow.signOut?.reason ?? "" : "",
    // The CookiesAllowedForUrls entry IT can set, shown apart so it can be copied.
    cookiePolicyEntry: isCookieStop(flow) ? flow.stop.policyEntry ?? null : null,
    retryAt: flow?.phase === "stopped" || flow?.phase === "waiting" ? flow.retryAt : null,
    signInAgain: { key, enabled: Boolean(key) && hostUsable && !isActive(flow) },
    flows: Object.values(state.flows ?? {}).map((f) => ({ key: f.key, state: f.phase, label: PHASE_LABELS[f.phase] })),
  };
}

/** Problems as "source: path: reason" lines, whatever shape the host sent. */
export function problemLines(problems = []) {
  return problems.map((p) => {
    if (typeof p === "string") return p;
    const where = [p?.source, p?.path].filter(Boolean).join(": ");
    return where ? `${where}: ${p?.reason ?? ""}` : String(p?.reason ?? JSON.stringify(p));
  });
}
