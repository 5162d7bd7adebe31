// Paints the toolbar badge from the state, only when it changes.
import { badgeFor } from "../lib/status-view.js";

export function createBadgePainter({ chrome, env }) {
  let painted = null;
  return function paint(state) {
    const badge = badgeFor(state, env);
    const key = JSON.stringify(badge);
    if (key === painted) return;
    painted = key;
    chrome.action.setBadgeText({ text: badge.text }).catch(() => {});
    chrome.action.setBadgeBackgroundColor({ color: badge.color }).catch(() => {});
    chrome.action.setTitle({ title: badge.title }).catch(() => {});
  };
}
