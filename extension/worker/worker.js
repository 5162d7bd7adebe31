// Wires the service worker together. Everything chrome-shaped comes in as
// arguments (`chrome`, `fetch`, timers, the global scope), so tests build the
// whole worker over fakes; background.js passes the real ones.
import { reduce } from "../lib/flow-reducer.js";
import { configOf, initialState } from "../lib/flow-state.js";
import { browserName } from "../lib/host-status.js";
import { DETECTION_KEY, PREFS_KEY } from "../lib/storage-keys.js";
import { parseHttps } from "../lib/url-rules.js";
import { createAgentIdle } from "./agent-idle.js";
import { createBadgePainter } from "./badge-painter.js";
import { createBridgeRegistration } from "./bridge-registration.js";
import { createCookieSettings } from "./cookie-settings.js";
import { createDebugLog } from "./debug-log.js";
import { createEffectRunner, FLOW_ALARM_PREFIX, REFRESH_ALARM_PREFIX, STOP_NOTIFICATION_PREFIX } from "./effect-runner.js";
import { createHintIntake } from "./hint-intake.js";
import { createHostConnection } from "./host-connection.js";
import { createLoginPopupGuard, POPUP_GUARD_ALARM } from "./login-popup-guard.js";
import { createMachine } from "./machine.js";
import { createMessageRouter } from "./message-router.js";
import { createNavigationWatch } from "./navigation-watch.js";
import { createSessionProbe } from "./session-probe.js";
import { createStateStore } from "./state-store.js";

const DEFAULT_TIMERS = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

export function createWorker({
  chrome,
  fetch,
  scope = null,
  userAgentData = null,
  now = Date.now,
  random = Math.random,
  timers = DEFAULT_TIMERS,
  console: out = console,
}) {
  const debugLog = createDebugLog({ storage: chrome.storage.session, console: out, now });
  const log = (text, data) => {
    debugLog.log(text, data);
  };
  let counter = 0;
  const newId = () => `${now().toString(36)}-${(counter += 1).toString(36)}-${Math.floor(random() * 2 ** 32).toString(36)}`;
  const env = { browser: browserName(userAgentData?.brands), extensionId: chrome.runtime.id };

  let machine = null;
  const dispatch = (event) => machine.dispatch(event);
  const getState = () => machine.state ?? initialState(); // before the stored state is loaded

  async function getPolicy() {
    try {
      const policy = await chrome.storage.managed.get(null); // the whole policy: no key of ours
      return policy && Object.keys(policy).length > 0 ? policy : null;
    } catch {
      return null; // no managed storage on this platform
    }
  }

  // force-relogin names a profile, not a tab: bring back the tab that shows it.
  async function originTabFor(profileName) {
    const profile = configOf(getState()).profiles.find((p) => p.name === profileName);
    if (!profile) return null;
    const origins = [profile.connectOrigin, ...profile.returnTo.map((u) => parseHttps(u)?.origin).filter(Boolean)];
    try {
      const tabs = await chrome.tabs.query({ url: origins.map((o) => `${o}/*`) });
      const tab = tabs.find((t) => t.active) ?? tabs[0];
      return tab ? { tabId: tab.id, windowId: tab.windowId, url: tab.url } : null;
    } catch {
      return null;
    }
  }

  async function onHostMessage(message) {
    if (message.type === "force-relogin") {
      const originTab = await originTabFor(message.profile);
      return dispatch({ type: "force-relogin", profile: message.profile, reason: message.reason, originTab });
    }
    return dispatch({ type: "host-message", message });
  }

  const probe = createSessionProbe({ fetch, timers, log });
  const cookies = createCookieSettings({ chrome, storage: chrome.storage.local, dispatch, log });
  const agentIdle = createAgentIdle({ chrome, dispatch, log });
  const intake = createHintIntake({ getState, dispatch, probe, cookies, queryIdle: agentIdle.queryIdle, now, log });
  const host = createHostConnection({
    chrome,
    timers,
    random,
    now,
    newId,
    browser: env.browser,
    getPolicy,
    onWelcome: (welcome) => dispatch({ type: "welcome", ...welcome }),
    onMessage: (message) => onHostMessage(message).catch((e) => log(`host message failed: ${e?.message ?? e}`)),
    onStatus: (status) => dispatch({ type: "host-status", ...status }),
    log,
  });
  const popupGuard = createLoginPopupGuard({ chrome, dispatch, now, log });
  // A refresh is due: with whether the agent is at the desk (lib/flow-refresh.js).
  const refreshDue = (key) =>
    agentIdle.queryIdle().then((state) => dispatch({ type: "refresh-due", key, agentIdle: state }));
  const runEffect = createEffectRunner({
    chrome, host, dispatch, intake, cookies, popupGuard, getState, timers, checkIdle: agentIdle.checkIdle, refreshDue, now, log,
  });
  const paintBadge = createBadgePainter({ chrome, env });
  const syncBridge = createBridgeRegistration({ chrome, log });

  const store = createStateStore({ session: chrome.storage.session, local: chrome.storage.local });

  // Configuration-dependent setup, redone whenever welcome.config changes.
  let appliedWelcome = null;
  function applyConfig(state) {
    const key = JSON.stringify(state.welcome);
    if (state.welcome === null || key === appliedWelcome) return;
    appliedWelcome = key;
    const config = configOf(state);
    chrome.storage.local
      .set({ [DETECTION_KEY]: { phrases: config.detection.phrases, loginPaths: config.detection.loginPaths } })
      .catch(() => {});
    store.rememberWelcome(state.welcome).catch(() => {});
    syncBridge(config.profiles).catch((e) => log(`bridge registration failed: ${e?.message ?? e}`));
  }

  // Cookie rules whose profile or origin left the configuration (or all of
  // them, once the fix is turned off) are withdrawn. Only on the host's own
  // welcome, never on the stored copy of an older one, and while the port is
  // up, so each withdrawal reaches the audit trail.
  let reconciledWelcome = null;
  function reconcileCookies(state) {
    const key = JSON.stringify(state.welcome);
    if (state.welcome === null || state.host.status !== "connected" || key === reconciledWelcome) return;
    reconciledWelcome = key;
    cookies.reconcile(configOf(state)).catch((e) => log(`cookie rules not reconciled: ${e?.message ?? e}`));
  }

  machine = createMachine({
    store,
    reduce,
    context: () => ({ now: now(), newId, random }),
    runEffect,
    onState: (state) => {
      paintBadge(state);
      applyConfig(state);
      reconcileCookies(state);
    },
    log,
  });

  const navigation = createNavigationWatch({ chrome, getState, dispatch, intake, probe, now, log });
  const onMessage = createMessageRouter({
    chrome,
    getState,
    dispatch,
    intake,
    checkHost: () => host.connect(), // no-op while connected
    ready: machine.ready,
    log,
  });

  // MV3: listeners must be registered in the worker's first turn so the
  // events that wake it are delivered. Handlers wait for the state themselves.
  function listen() {
    const whenReady = (handler) => (...args) => {
      machine.ready.then(() => handler(...args));
    };
    chrome.runtime.onMessage.addListener(onMessage);
    chrome.webNavigation.onBeforeNavigate.addListener(whenReady(navigation.onBeforeNavigate));
    chrome.webNavigation.onCommitted.addListener(whenReady(navigation.onCommitted));
    chrome.webNavigation.onDOMContentLoaded.addListener(whenReady(navigation.onDOMContentLoaded));
    chrome.webNavigation.onErrorOccurred.addListener(whenReady(navigation.onErrorOccurred));
    chrome.webNavigation.onErrorOccurred.addListener(popupGuard.onNavigationError);
    chrome.tabs.onRemoved.addListener((tabId) => dispatch({ type: "tab-removed", tabId }));
    agentIdle.listen();
    chrome.alarms.onAlarm.addListener((alarm) => {
      host.onAlarm(alarm.name);
      if (alarm.name.startsWith(FLOW_ALARM_PREFIX)) {
        dispatch({ type: "alarm", key: alarm.name.slice(FLOW_ALARM_PREFIX.length) });
      } else if (alarm.name === POPUP_GUARD_ALARM) {
        popupGuard.expire();
      } else if (alarm.name.startsWith(REFRESH_ALARM_PREFIX)) {
        refreshDue(alarm.name.slice(REFRESH_ALARM_PREFIX.length));
      }
    });
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === "managed") {
        getPolicy().then((policy) => dispatch({ type: "policy", policy }));
        host.rehello();
      } else if (area === "local" && changes[PREFS_KEY]) {
        dispatch({ type: "prefs", prefs: changes[PREFS_KEY].newValue ?? {} });
      }
    });
    chrome.notifications.onButtonClicked.addListener((id, index) => {
      if (id.startsWith(STOP_NOTIFICATION_PREFIX) && index === 0) {
        dispatch({ type: "sign-in-again", key: id.slice(STOP_NOTIFICATION_PREFIX.length) });
        chrome.notifications.clear(id).catch(() => {});
      }
    });
    scope?.addEventListener?.("online", () => dispatch({ type: "online" }));
  }

  async function start() {
    await debugLog.restore();
    await machine.ready;
    // Connect first: reading managed storage can take seconds at browser
    // start, and a missing host should show at once (hello does not wait for
    // it; a second hello carries the policy when it arrives).
    host.connect();
    const stored = await chrome.storage.local.get(PREFS_KEY).catch(() => ({}));
    await dispatch({ type: "prefs", prefs: stored[PREFS_KEY] ?? {} });
    await dispatch({ type: "policy", policy: await getPolicy() });
  }

  return {
    listen,
    start,
    dispatch,
    host,
    intake,
    navigation,
    onMessage,
    settled: () => machine.settled(),
    // For the end-to-end tests and for support (service worker console):
    // ccpRelogin.state(), ccpRelogin.log().
    debug: {
      state: () => structuredClone(getState()),
      log: () => debugLog.entries(),
      config: () => configOf(getState()),
      settled: () => machine.settled(),
      hostConnected: () => host.connected,
    },
  };
}
