// The state machine's state in chrome.storage.session (STATE_KEY): survives a
// service-worker restart, is gone when the browser closes (a flow never
// outlives the browser session), and is readable by the popup, the options
// page and the end-to-end tests.
//
// The last welcome.config is also kept in storage.local (LAST_WELCOME_KEY): after
// a browser restart, a page that expires before the host has answered is
// still matched to its profile. The host's next welcome replaces it.
import { initialState } from "../lib/flow-state.js";
import { LAST_WELCOME_KEY, STATE_KEY } from "../lib/storage-keys.js";

export function createStateStore({ session, local }) {
  return {
    async load() {
      try {
        const stored = (await session.get(STATE_KEY))[STATE_KEY];
        if (stored && stored.version === initialState().version) return { ...initialState(), ...stored };
      } catch {
        // unreadable: start clean
      }
      const lastWelcome = (await local.get(LAST_WELCOME_KEY).catch(() => ({})))[LAST_WELCOME_KEY] ?? null;
      return { ...initialState(), welcome: lastWelcome };
    },
    async save(state) {
      await session.set({ [STATE_KEY]: state });
    },
    async rememberWelcome(welcome) {
      await local.set({ [LAST_WELCOME_KEY]: welcome });
    },
  };
}
