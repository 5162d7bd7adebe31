// Keeps the declarativeNetRequest session rules that stop Streams' own login
// popup (lib/login-popup-guard.js says when and why) and closes the window
// each block leaves behind. The guards live in storage.session, so a
// restarted worker rebuilds the same rules and still knows the windows; one
// alarm wakes it when the next guard ends.
import { FIRST_RULE_ID, guardOfBlockedNavigation, liveGuards, sessionRules } from "../lib/login-popup-guard.js";
import { POPUP_GUARDS_KEY } from "../lib/storage-keys.js";
import { stripQuery } from "../lib/url-rules.js";

export const POPUP_GUARD_ALARM = "login-popup-guard";

export function createLoginPopupGuard({ chrome, dispatch, now = Date.now, log = () => {} }) {
  const storage = chrome.storage.session;
  const dnr = chrome.declarativeNetRequest;
  let queue = Promise.resolve();
  // One change at a time: each reads the record, writes it and the rules.
  const serially = (fn) => {
    const run = queue.then(fn);
    queue = run.catch((error) => log(`login popup guard: ${error?.message ?? error}`));
    return run;
  };

  async function load() {
    const stored = (await storage.get(POPUP_GUARDS_KEY))[POPUP_GUARDS_KEY];
    return stored && typeof stored === "object" ? stored : {};
  }

  // The record keeps only live guards; the rules are rebuilt from it whole.
  async function apply(guards) {
    const live = Object.fromEntries(liveGuards(guards, now()));
    await storage.set({ [POPUP_GUARDS_KEY]: live });
    if (!dnr) return live;
    const ours = (await dnr.getSessionRules()).map((r) => r.id).filter((id) => id >= FIRST_RULE_ID);
    await dnr.updateSessionRules({ removeRuleIds: ours, addRules: sessionRules(live, now()) });
    const ends = Object.values(live).map((g) => g.until);
    if (ends.length) chrome.alarms.create(POPUP_GUARD_ALARM, { when: Math.min(...ends) + 1 });
    else chrome.alarms.clear(POPUP_GUARD_ALARM);
    return live;
  }

  const guard = ({ key, guard: g }) => serially(async () => apply({ ...(await load()), [key]: g }));

  const end = ({ key }) => serially(async () => {
    const guards = await load();
    if (!(key in guards)) return;
    delete guards[key];
    await apply(guards);
  });

  // The alarm: the guards whose time is up go, with their rules.
  const expire = () => serially(async () => apply(await load()));

  // A window the custom CCP opened towards the sign-in, stopped by a rule of
  // ours: closed (a popup window goes with its only tab).
  const onNavigationError = (details) => serially(async () => {
    const key = guardOfBlockedNavigation(await load(), details, now());
    if (key === null) return;
    await chrome.tabs.remove(details.tabId).catch(() => {});
    dispatch({ type: "login-popup-closed", key, tabId: details.tabId, url: stripQuery(details.url) });
  });

  return { guard, end, expire, onNavigationError };
}
