// Popup and options page: read the worker's state from chrome.storage.session
// and re-render whenever it changes. (Extension pages are trusted contexts:
// they can read session storage; content scripts cannot.)
import { initialState } from "../lib/flow-state.js";
import { LOG_KEY, STATE_KEY } from "../lib/storage-keys.js";

export function watchState(chrome, render) {
  const read = async () => {
    const stored = await chrome.storage.session.get([STATE_KEY, LOG_KEY]);
    render(stored[STATE_KEY] ?? initialState(), stored[LOG_KEY] ?? []);
  };
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && (changes[STATE_KEY] || changes[LOG_KEY])) read();
  });
  return read();
}

export function formatTime(at) {
  return at ? new Date(at).toLocaleTimeString() : "";
}

export function show(element, visible) {
  element.hidden = !visible;
}
