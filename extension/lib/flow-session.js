// Reports to the host what the extension decided about a session without
// asking it: an expiry left alone because of a deliberate sign-out, a
// background refresh, the agent's CCP restored. The host audits each
// (`session`, docs/protocol.md) and answers `recorded`; nothing waits for
// that, and a report sent while the port is down is not sent again.
export const SESSION_REPORT_PREFIX = "session-";
const MAX_REASON = 200;

// The id only routes the host's `recorded` back here, so it is made from the
// report itself rather than drawn from ctx.newId (whose ids name requests).
export function sessionEvent(step, flow, event, outcome, reason = "", extra = {}) {
  step.emit({
    type: "send",
    message: {
      type: "session",
      id: `${SESSION_REPORT_PREFIX}${event}-${outcome}-${flow.key}-${step.now}`,
      event,
      outcome,
      profile: flow.profile ?? flow.key,
      reason: String(reason).slice(0, MAX_REASON),
      ...extra,
    },
  });
}

/** The host's answer to a session report (recorded, or an error from an older host): true when it was one. */
export function onSessionReportAnswer(step, m) {
  if (typeof m.re !== "string" || !m.re.startsWith(SESSION_REPORT_PREFIX)) return false;
  if (m.type === "error") step.log(`session report not recorded: ${m.code ?? "?"} ${m.message ?? ""}`.trim());
  return true;
}
