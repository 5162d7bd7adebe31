// Every change to the extension's browser cookie rules goes to the host as
// cookie-rule {action, profile, primaryPattern, secondaryPattern, reason}
// (docs/protocol.md), so it is in the host's audit trail with the rest of
// the product's decisions. The worker reports the change after the browser
// made it (worker/cookie-settings.js → event cookie-rule-changed); the
// message waits in state.cookieAudit until the host answers `recorded`, and
// goes again on every new port, so a change made while the host was away
// still reaches the trail.
export const MAX_COOKIE_AUDIT = 20;

export function cookieRuleMessage({ action, rule, reason }) {
  return {
    type: "cookie-rule",
    action,
    profile: rule.profile,
    primaryPattern: rule.primaryPattern,
    secondaryPattern: rule.secondaryPattern,
    reason,
  };
}

export function onCookieRuleChanged(step, e) {
  if (!e.rule || !["set", "clear"].includes(e.action)) return step.log("ignored a malformed cookie-rule change");
  const id = step.newId();
  const message = { ...cookieRuleMessage(e), id };
  // Bounded: a host that never answers must not grow the state without end.
  step.s.cookieAudit = [...(step.s.cookieAudit ?? []), { id, message }].slice(-MAX_COOKIE_AUDIT);
  step.emit({ type: "send", message });
  step.log(`cookie rule ${e.action}: ${e.rule.primaryPattern} inside ${e.rule.secondaryPattern} (${e.reason})`);
}

/** On a new port: what the previous one may have lost goes again, same id. */
export function resendCookieAudit(step) {
  for (const entry of step.s.cookieAudit ?? []) step.emit({ type: "send", message: entry.message });
}

/**
 * The host's answer to a cookie-rule: `recorded`, or an `error` that refuses
 * it (re-sending would be refused again). True when it was one.
 */
export function onCookieAuditAnswer(step, m) {
  const pending = step.s.cookieAudit ?? [];
  const entry = m.re == null ? null : pending.find((p) => p.id === m.re);
  if (m.type === "recorded") {
    if (entry) step.s.cookieAudit = pending.filter((p) => p !== entry);
    step.log(`the helper recorded the cookie rule change${m.configured === false ? " (not in its configuration)" : ""}`);
    return true;
  }
  if (m.type === "error" && entry) {
    step.s.cookieAudit = pending.filter((p) => p !== entry);
    step.note(null, `helper error: ${m.code ?? "?"} ${m.message ?? ""} (cookie-rule not recorded)`.trim());
    return true;
  }
  return false;
}
