// The worker's debug log: console (chrome://extensions → service worker) and
// the last entries in chrome.storage.session under LOG_KEY, where the popup,
// the options page and the end-to-end tests read them. Callers pass URLs
// already stripped of queries: the log never holds SAML or relay states.
import { LOG_KEY } from "../lib/storage-keys.js";

export const LOG_LIMIT = 200;

export function createDebugLog({ storage, console: out = console, now = Date.now, limit = LOG_LIMIT }) {
  let entries = [];
  let writing = null;
  let dirty = false;

  // One write at a time; entries logged meanwhile go out with the next write.
  async function flush() {
    if (writing) {
      dirty = true;
      return writing;
    }
    writing = (async () => {
      do {
        dirty = false;
        try {
          await storage.set({ [LOG_KEY]: entries });
        } catch {
          // storage.session quota or shutdown: the console still has it
        }
      } while (dirty);
      writing = null;
    })();
    return writing;
  }

  return {
    async restore() {
      try {
        const stored = (await storage.get(LOG_KEY))[LOG_KEY];
        if (Array.isArray(stored)) entries = [...stored, ...entries].slice(-limit);
      } catch {
        // first start
      }
    },
    log(text, data) {
      const entry = { at: now(), text, ...(data !== undefined ? { data } : {}) };
      entries.push(entry);
      if (entries.length > limit) entries = entries.slice(-limit);
      if (data !== undefined) out.info("[ccp-relogin]", text, data);
      else out.info("[ccp-relogin]", text);
      return flush();
    },
    entries: () => entries.slice(),
  };
}
