// The browser's cookie settings for Connect frames: the I/O half of the
// third-party-cookie handling (the decisions are lib/cookie-rules.js, the
// state machine lib/flow-cookies.js).
//  - inspect(): what the browser would do with the Connect cookie, from
//    chrome.contentSettings.cookies.get (the Connect origin alone, and
//    embedded in the custom CCP) and chrome.privacy's third-party cookie
//    setting with its levelOfControl ("not_controllable": set by policy).
//    Changes nothing.
//  - allow(): sets one rule, records it, reads the pair again to see whether
//    the browser now allows it (a policy such as CookiesBlockedForUrls wins
//    over an extension's rule), and reports both.
//  - withdraw() / reconcile(): contentSettings.cookies.clear removes every
//    rule of this extension at once, so withdrawing one means clearing and
//    setting the others again from the record (COOKIE_RULES_KEY).
// Every change is dispatched as cookie-rule-changed, which the state machine
// reports to the host's audit trail (lib/cookie-audit.js). Changes run one at
// a time, so a clear-and-set-again never interleaves with a set.
import { RULE_REASONS, rulesToWithdraw, sameRule } from "../lib/cookie-rules.js";
import { COOKIE_RULES_KEY } from "../lib/storage-keys.js";

// "https://acme.my.connect.aws/*" → "https://acme.my.connect.aws/": a URL the pattern matches.
const urlOf = (pattern) => pattern.replace(/\*$/, "");

export function createCookieSettings({ chrome, storage, dispatch, log = () => {} }) {
  const cookies = chrome.contentSettings?.cookies ?? null;
  let queue = Promise.resolve();
  const serial = (work) => {
    const run = queue.then(work);
    queue = run.catch((e) => log(`cookie settings: ${e?.message ?? e}`));
    return run;
  };

  async function setting(primaryUrl, secondaryUrl) {
    const { setting: value } = await cookies.get(secondaryUrl ? { primaryUrl, secondaryUrl } : { primaryUrl });
    return value ?? null;
  }

  async function thirdParty() {
    try {
      const s = await chrome.privacy.websites.thirdPartyCookiesAllowed.get({});
      return { allowed: s.value === true, locked: s.levelOfControl === "not_controllable" };
    } catch {
      return null; // unknown: lib/cookie-rules.js then changes nothing
    }
  }

  async function recorded() {
    const stored = (await storage.get(COOKIE_RULES_KEY))[COOKIE_RULES_KEY];
    return Array.isArray(stored) ? stored : [];
  }

  const allowRule = (rule) =>
    cookies.set({ primaryPattern: rule.primaryPattern, secondaryPattern: rule.secondaryPattern, setting: "allow", scope: "regular" });

  // The events are dispatched, never awaited: allow() runs as an effect inside
  // the state machine's queue, which handles them once the effect is done.
  async function allow(key, rule) {
    const result = (setting, error = null) => {
      dispatch({ type: "cookie-fix-result", key, rule, setting, error: error && String(error?.message ?? error) });
    };
    try {
      await allowRule(rule);
    } catch (error) {
      return result(null, error);
    }
    const rules = await recorded();
    if (!rules.some((r) => sameRule(r, rule))) await storage.set({ [COOKIE_RULES_KEY]: [...rules, rule] });
    dispatch({ type: "cookie-rule-changed", action: "set", rule, reason: RULE_REASONS.blocked });
    try {
      return result(await setting(urlOf(rule.primaryPattern), urlOf(rule.secondaryPattern)));
    } catch (error) {
      return result(null, error);
    }
  }

  async function withdraw(rules, reason) {
    const before = await recorded();
    const gone = before.filter((r) => rules.some((w) => sameRule(w, r)));
    if (gone.length === 0) return;
    const keep = before.filter((r) => !gone.includes(r));
    await cookies.clear({ scope: "regular" });
    for (const rule of keep) await allowRule(rule).catch((e) => log(`cookie rule ${rule.secondaryPattern} not set again: ${e?.message ?? e}`));
    await storage.set({ [COOKIE_RULES_KEY]: keep });
    for (const rule of gone) dispatch({ type: "cookie-rule-changed", action: "clear", rule, reason });
  }

  return {
    available: Boolean(cookies),

    /** {site, pair, thirdParty} for a Connect origin (embedded in `embedder`, when given), or null. */
    async inspect(connectOrigin, embedder) {
      if (!cookies) return null;
      try {
        const site = await setting(`${connectOrigin}/`);
        if (!embedder) return { site, pair: null, thirdParty: null };
        return { site, pair: await setting(`${connectOrigin}/`, `${embedder}/`), thirdParty: await thirdParty() };
      } catch (error) {
        log(`cookie settings unreadable: ${error?.message ?? error}`);
        return null;
      }
    },

    allow: (key, rule) => serial(() => allow(key, rule)),
    withdraw: (rules, reason) => serial(() => withdraw(rules, reason)),

    /** Withdraws the rules the configuration no longer allows (profile gone, fix turned off). */
    reconcile(config) {
      if (!cookies) return Promise.resolve();
      return serial(async () => {
        const byReason = new Map();
        for (const { rule, reason } of rulesToWithdraw(await recorded(), config)) {
          byReason.set(reason, [...(byReason.get(reason) ?? []), rule]);
        }
        for (const [reason, rules] of byReason) await withdraw(rules, reason);
      });
    },
  };
}
