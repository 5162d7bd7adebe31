// The agent's focus, through chrome.tabs and chrome.windows: what is in front
// (every window's active tab, the focused window), bringing a sign-in page to
// the front, and putting things back (lib/flow-attention.js decides when).
// Headless Chromium reports every page as visible, so focus is measured here
// the one way that means something everywhere: the active tab.
export const HELPER_WINDOW = Object.freeze({ width: 520, height: 720 });

export function createFocusKeeper({ chrome, log = () => {} }) {
  /** {focusedWindowId, active: [{windowId, tabId}]} of the normal and popup windows. */
  async function snapshot() {
    const tabs = await chrome.tabs.query({ active: true }).catch(() => []);
    const focused = await chrome.windows.getLastFocused().catch(() => null);
    return {
      focusedWindowId: focused?.id ?? null,
      active: tabs.map((t) => ({ windowId: t.windowId, tabId: t.id })),
    };
  }

  async function bringForward({ tabId, windowId, mode }) {
    if (mode === "window" && windowId != null) {
      await chrome.windows.update(windowId, { state: "normal", focused: true, ...HELPER_WINDOW }).catch(() => {});
      return;
    }
    const tab = await chrome.tabs.update(tabId, { active: true }).catch(() => null);
    const win = tab?.windowId ?? windowId;
    if (win != null) await chrome.windows.update(win, { focused: true }).catch(() => {});
  }

  // Tabs closed since are skipped; the focused window last, so it ends up on top.
  async function restore(saved) {
    for (const { tabId } of saved?.active ?? []) {
      await chrome.tabs.update(tabId, { active: true }).catch(() => log(`tab ${tabId} is gone; its window keeps its tab`));
    }
    if (saved?.focusedWindowId != null) {
      await chrome.windows.update(saved.focusedWindowId, { focused: true }).catch(() => {});
    }
  }

  return { snapshot, bringForward, restore };
}
