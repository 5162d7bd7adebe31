// Carries out the reducer's effects with the chrome APIs. Each effect is
// small and tolerant: a tab the agent already closed is not an error.
// Effects run inside the machine's queue, so they dispatch follow-up events
// without awaiting them (awaiting would wait for the effect itself).
import { configOf } from "../lib/flow-state.js";
import { connectPage, isLoginPath, stripQuery } from "../lib/url-rules.js";
import { createFocusKeeper } from "./focus-keeper.js";

export const FLOW_ALARM_PREFIX = "flow:";
export const REFRESH_ALARM_PREFIX = "refresh:";
export const STOP_NOTIFICATION_PREFIX = "stop:";
export const ATTENTION_NOTIFICATION_PREFIX = "attention:";
// Chrome alarms may fire late (30 s floor in packed builds); a timer gives
// the exact time while the worker is alive, the alarm covers a worker restart.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createEffectRunner({
  chrome, host, dispatch, intake, cookies, popupGuard, getState, timers, checkIdle = async () => {}, refreshDue, now = Date.now, log = () => {},
}) {
  const flowTimers = new Map();
  const focusKeeper = createFocusKeeper({ chrome, log });

  // Open on about:blank first and navigate once the reducer knows the tab:
  // then no navigation of the sign-in can arrive before the tab is known.
  // Never in front: an inactive tab, a minimized window (lib/flow-attention.js
  // brings it forward when the agent is needed).
  async function openHelper({ key, mode, windowId }) {
    try {
      if (mode === "window") {
        const win = await chrome.windows.create({ url: "about:blank", type: "popup", focused: false, state: "minimized" });
        dispatch({ type: "helper-opened", key, tabId: win.tabs[0].id, windowId: win.id, mode });
        return;
      }
      let tab;
      try {
        tab = await chrome.tabs.create({ url: "about:blank", active: false, ...(windowId != null ? { windowId } : {}) });
      } catch {
        tab = await chrome.tabs.create({ url: "about:blank", active: false }); // the agent's window is a popup
      }
      dispatch({ type: "helper-opened", key, tabId: tab.id, windowId: tab.windowId, mode });
    } catch (error) {
      dispatch({ type: "helper-open-failed", key, error: String(error?.message ?? error) });
    }
  }

  // What was in front goes to the reducer before the sign-in page replaces it.
  async function bringForward({ key, tabId, windowId, mode }) {
    dispatch({ type: "focus-taken", key, snapshot: await focusKeeper.snapshot() });
    await focusKeeper.bringForward({ tabId, windowId, mode });
  }



  async function closeHelper({ tabId, windowId, mode }) {
    if (mode === "window" && windowId != null) await chrome.windows.remove(windowId).catch(() => {});
    else if (tabId != null) await chrome.tabs.remove(tabId).catch(() => {});
  }

  // Brings a tab's CCP back to life after the login: the Connect page is
  // reloaded (its login page replaced by the landing page), a custom CCP gets
  // its CCP iframe reloaded by the bridge (the page, its softphone and the
  // agent's work stay), any other page is reloaded.
  async function refreshTab({ tabId, connectOrigin, landingUrl }) {
    let tab;
    try {
      tab = await chrome.tabs.get(tabId);
    } catch {
      return log(`tab ${tabId} is gone; nothing to refresh`);
    }
    const page = connectPage(tab.url ?? "");
    if (page && page.origin === connectOrigin) {
      // The Connect CCP itself: reload, or leave its login page for the CCP.
      if (isLoginPath(page.path, configOf(getState()).detection.loginPaths) && landingUrl) {
        await chrome.tabs.update(tabId, { url: landingUrl });
        return log(`tab ${tabId}: login page → ${stripQuery(landingUrl)}`);
      }
      await chrome.tabs.reload(tabId);
      return log(`tab ${tabId}: Connect page reloaded`);
    }
    if (getState().customCcpTabs[tabId]) {
      try {
        const reply = await chrome.tabs.sendMessage(tabId, { kind: "reload-ccp-frame", connectOrigin }, { frameId: 0 });
        if (reply?.reloaded > 0) return log(`tab ${tabId}: CCP iframe reloaded by the bridge`);
      } catch (error) {
        log(`tab ${tabId}: bridge did not answer (${error?.message ?? error})`);
      }
    }
    await chrome.tabs.reload(tabId);
    return log(`tab ${tabId}: page reloaded`);
  }

  // `fire`: what the timer does; the alarm's own firing goes through worker.js.
  function armAlarm(name, when, fire) {
    chrome.alarms.create(name, { when: Math.max(when, now() + 1) });
    timers.clearTimeout(flowTimers.get(name));
    const delay = Math.min(Math.max(0, when - now()), MAX_TIMER_MS);
    flowTimers.set(name, timers.setTimeout(fire, delay));
  }

  function setAlarm({ key, when }) {
    armAlarm(FLOW_ALARM_PREFIX + key, when, () => dispatch({ type: "alarm", key }));
  }

  function clearAlarm({ key }) {
    chrome.alarms.clear(FLOW_ALARM_PREFIX + key);
    timers.clearTimeout(flowTimers.get(FLOW_ALARM_PREFIX + key));
    flowTimers.delete(FLOW_ALARM_PREFIX + key);
  }

  // The stop and inactivity notifications carry "Sign in again"; the attention one only points.
  async function showNotification(id, { title, message, buttons = [], requireInteraction = false }) {
    await chrome.notifications
      .create(id, {
        type: "basic",
        iconUrl: chrome.runtime.getURL("icons/icon128.png"),
        title,
        message,
        priority: 2,
        requireInteraction,
        ...(buttons.length ? { buttons } : {}),
      })
      .catch((error) => log(`notification failed: ${error?.message ?? error}`));
  }

  const notify = ({ key, title, message }) =>
    showNotification(STOP_NOTIFICATION_PREFIX + key, {
      title,
      message: message || "ccp-relogin stopped signing you in again.",
      requireInteraction: true,
      buttons: [{ title: "Sign in again" }],
    });

  const notifyAttention = ({ key, title, message }) => showNotification(ATTENTION_NOTIFICATION_PREFIX + key, { title, message });

  async function replayHint({ hint }) {
    try {
      await chrome.tabs.get(hint.tabId);
    } catch {
      return log("back-off ended; the expired tab is gone, nothing to replay");
    }
    intake.submit({ ...hint, category: "expiry" }).catch((e) => log(`replay failed: ${e?.message ?? e}`));
  }

  const RUNNERS = {
    send: ({ message }) => {
      if (!host.post(message)) log(`${message.type} not sent: the helper is not connected (re-sent on reconnect)`);
    },
    "open-helper": openHelper,
    "close-helper": closeHelper,
    navigate: ({ tabId, url }) =>
      chrome.tabs.update(tabId, { url }).catch((error) => log(`navigate tab ${tabId} failed: ${error?.message ?? error}`)),
    "bring-forward": bringForward,
    "notify-attention": notifyAttention,
    "clear-attention": ({ key }) => chrome.notifications.clear(ATTENTION_NOTIFICATION_PREFIX + key).catch(() => {}),
    "restore-focus": ({ snapshot }) => focusKeeper.restore(snapshot),
    "open-tab": ({ url }) => chrome.tabs.create({ url, active: false }),
    "refresh-tab": refreshTab,
    alarm: setAlarm,
    "check-idle": () => checkIdle(),
    "refresh-alarm": ({ key, when }) => armAlarm(REFRESH_ALARM_PREFIX + key, when, () => refreshDue(key)),
    "clear-alarm": clearAlarm,
    notify,
    "clear-notification": ({ key }) => chrome.notifications.clear(STOP_NOTIFICATION_PREFIX + key).catch(() => {}),
    "replay-hint": replayHint,
    "allow-cookies": ({ key, rule }) => cookies.allow(key, rule),
    "withdraw-cookies": ({ rules, reason }) => cookies.withdraw(rules, reason),
    "guard-login-popups": (effect) => popupGuard.guard(effect),
    "end-login-popup-guard": (effect) => popupGuard.end(effect),
    log: ({ text, data }) => log(text, data),
  };

  return async function runEffect(effect) {
    const runner = RUNNERS[effect.type];
    if (!runner) return log(`unknown effect ${effect.type}`);
    return runner(effect);
  };
}
