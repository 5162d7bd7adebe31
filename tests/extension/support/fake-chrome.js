// Small fakes of the chrome.* APIs the worker uses. They keep enough state
// to answer (tabs, windows, storage, alarms, registered scripts) and record
// calls so tests can assert what the worker did.

export const EXTENSION_ID = "lgnognmbodadambbbcigkefnngodpege";
export const HOST_MISSING = "Specified native messaging host not found.";
export const HOST_FORBIDDEN = "Access to the specified native messaging host is forbidden.";
export const HOST_EXITED = "Native host has exited.";

export class FakeEvent {
  constructor() {
    this.listeners = [];
  }

  addListener(fn) {
    this.listeners.push(fn);
  }

  removeListener(fn) {
    this.listeners = this.listeners.filter((l) => l !== fn);
  }

  hasListener(fn) {
    return this.listeners.includes(fn);
  }

  emit(...args) {
    return this.listeners.map((l) => l(...args));
  }
}

class FakeStorageArea {
  constructor(name, onChanged) {
    this.name = name;
    this.data = {};
    this.onChanged = onChanged;
  }

  async get(keys) {
    await this.gate;
    const copy = (v) => (v === undefined ? undefined : structuredClone(v));
    if (keys === null || keys === undefined) return copy(this.data);
    const list = typeof keys === "string" ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
    const out = {};
    for (const k of list) if (k in this.data) out[k] = copy(this.data[k]);
    return out;
  }

  async set(items) {
    const changes = {};
    for (const [k, v] of Object.entries(items)) {
      changes[k] = { oldValue: this.data[k], newValue: structuredClone(v) };
      this.data[k] = structuredClone(v);
    }
    this.onChanged.emit(changes, this.name);
  }

  async remove(keys) {
    for (const k of [].concat(keys)) delete this.data[k];
  }

  /** Test helper: reads wait until the returned function is called (a slow first read at browser start). */
  holdReads() {
    let release;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  /** Test helper: what an administrator's policy change looks like. */
  replace(items) {
    const changes = {};
    for (const k of new Set([...Object.keys(this.data), ...Object.keys(items)])) {
      changes[k] = { oldValue: this.data[k], newValue: items[k] };
    }
    this.data = structuredClone(items);
    this.onChanged.emit(changes, this.name);
  }
}

export class FakePort {
  constructor(chrome, name) {
    this.chrome = chrome;
    this.name = name;
    this.sent = [];
    this.open = true;
    this.onMessage = new FakeEvent();
    this.onDisconnect = new FakeEvent();
  }

  postMessage(message) {
    if (!this.open) throw new Error("Attempting to use a disconnected port object");
    this.sent.push(structuredClone(message));
  }

  disconnect() {
    this.open = false;
  }

  /** The host sends a frame. */
  reply(message) {
    this.onMessage.emit(structuredClone(message));
  }

  /** The browser closes the port, with chrome.runtime.lastError set during the event. */
  close(lastErrorMessage) {
    this.open = false;
    this.chrome.runtime.lastError = lastErrorMessage ? { message: lastErrorMessage } : undefined;
    this.onDisconnect.emit(this);
    this.chrome.runtime.lastError = undefined;
  }

  sentOfType(type) {
    return this.sent.filter((m) => m.type === type);
  }
}

/** Chrome match pattern against a URL (enough for https patterns). */
export function matchesPattern(pattern, url) {
  const m = /^(https|\*):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== "https:") return false;
  const [, , host, path] = m;
  const hostOk =
    host === "*" ||
    (host.startsWith("*.") ? u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1)) : u.host === host);
  const pathRe = new RegExp("^" + path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
  return hostOk && pathRe.test(u.pathname + u.search);
}

export function createFakeChrome({ id = EXTENSION_ID, version = "0.1.0" } = {}) {
  const calls = [];
  const record = (api, ...args) => calls.push([api, ...structuredClone(args)]);
  const storageChanged = new FakeEvent();
  const tabs = new Map();
  const windows = new Map();
  const alarms = new Map();
  const ports = [];
  const registered = new Map();
  const notifications = new Map();
  let nextTabId = 100;
  let nextWindowId = 10;
  // Answers for chrome.tabs.sendMessage: (tabId, message, options) → reply.
  let tabMessageHandler = async () => {
    throw new Error("Could not establish connection. Receiving end does not exist.");
  };

  function makeWindow(type = "normal") {
    const w = { id: nextWindowId, type, focused: false, tabIds: [] };
    nextWindowId += 1;
    windows.set(w.id, w);
    return w;
  }

  function makeTab({ url = "about:blank", windowId, active = true } = {}) {
    const win = windows.get(windowId) ?? [...windows.values()].find((w) => w.type === "normal") ?? makeWindow();
    const tab = { id: nextTabId, windowId: win.id, url, active };
    nextTabId += 1;
    // As Chrome: one active tab per window.
    if (active) for (const t of tabs.values()) if (t.windowId === win.id) t.active = false;
    tabs.set(tab.id, tab);
    win.tabIds.push(tab.id);
    return tab;
  }

  function removeTab(tabId, isWindowClosing = false) {
    const tab = tabs.get(tabId);
    if (!tab) return;
    tabs.delete(tabId);
    const win = windows.get(tab.windowId);
    if (win) win.tabIds = win.tabIds.filter((t) => t !== tabId);
    // As Chrome: a window goes with its last tab.
    if (win && win.tabIds.length === 0) windows.delete(win.id);
    chrome.tabs.onRemoved.emit(tabId, { windowId: tab.windowId, isWindowClosing });
  }

  const chrome = {
    calls,
    ports,
    runtime: {
      id,
      lastError: undefined,
      onMessage: new FakeEvent(),
      getManifest: () => ({ version, manifest_version: 3 }),
      getURL: (path) => `chrome-extension://${id}/${path.replace(/^\//, "")}`,
      connectNative(name) {
        record("runtime.connectNative", name);
        const port = new FakePort(chrome, name);
        ports.push(port);
        return port;
      },
      sendMessage: async (message) => {
        record("runtime.sendMessage", message);
      },
      openOptionsPage: async () => record("runtime.openOptionsPage"),
    },
    storage: {
      onChanged: storageChanged,
      session: new FakeStorageArea("session", storageChanged),
      local: new FakeStorageArea("local", storageChanged),
      managed: new FakeStorageArea("managed", storageChanged),
    },
    tabs: {
      onRemoved: new FakeEvent(),
      async create(props) {
        record("tabs.create", props);
        if (props.windowId != null && windows.get(props.windowId)?.type === "popup") {
          throw new Error("Tabs can only be created in normal windows.");
        }
        return { ...makeTab(props) };
      },
      async get(tabId) {
        const tab = tabs.get(tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        return { ...tab };
      },
      async update(tabId, props) {
        record("tabs.update", tabId, props);
        const tab = tabs.get(tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        if (props.url) tab.url = props.url;
        if (props.active) {
          for (const t of tabs.values()) if (t.windowId === tab.windowId) t.active = false;
          tab.active = true;
        }
        return { ...tab };
      },
      async reload(tabId) {
        record("tabs.reload", tabId);
        if (!tabs.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
      },
      async remove(tabId) {
        record("tabs.remove", tabId);
        removeTab(tabId);
      },
      async query({ url, active } = {}) {
        const patterns = url === undefined ? null : [].concat(url);
        return [...tabs.values()]
          .filter((t) => !patterns || patterns.some((p) => matchesPattern(p, t.url)))
          .filter((t) => active === undefined || t.active === active)
          .map((t) => ({ ...t }));
      },
      async sendMessage(tabId, message, options) {
        record("tabs.sendMessage", tabId, message, options);
        return tabMessageHandler(tabId, message, options);
      },
    },
    windows: {
      async create(props) {
        record("windows.create", props);
        const win = makeWindow(props.type ?? "normal");
        win.focused = Boolean(props.focused);
        win.state = props.state ?? "normal";
        const tab = makeTab({ url: props.url, windowId: win.id });
        return { id: win.id, type: win.type, tabs: [{ ...tab }] };
      },
      async update(windowId, props) {
        record("windows.update", windowId, props);
        const win = windows.get(windowId);
        if (!win) throw new Error(`No window with id: ${windowId}.`);
        if (props.focused) for (const w of windows.values()) w.focused = w.id === windowId;
        if (props.state) win.state = props.state;
        return { id: win.id };
      },
      async getLastFocused() {
        const win = [...windows.values()].find((w) => w.focused);
        if (!win) throw new Error("No last-focused window");
        return { id: win.id, type: win.type, focused: true };
      },
      async remove(windowId) {
        record("windows.remove", windowId);
        const win = windows.get(windowId);
        if (!win) throw new Error(`No window with id: ${windowId}.`);
        for (const tabId of [...win.tabIds]) removeTab(tabId, true);
        windows.delete(windowId);
      },
    },
    idle: {
      state: "active",
      onStateChanged: new FakeEvent(),
      async queryState(seconds) {
        record("idle.queryState", seconds);
        return chrome.idle.state;
      },
      setDetectionInterval(seconds) {
        record("idle.setDetectionInterval", seconds);
      },
    },
    alarms: {
      onAlarm: new FakeEvent(),
      create(name, info) {
        record("alarms.create", name, info);
        alarms.set(name, { name, scheduledTime: info.when });
      },
      async clear(name) {
        record("alarms.clear", name);
        return alarms.delete(name);
      },
      async getAll() {
        return [...alarms.values()];
      },
    },
    notifications: {
      onButtonClicked: new FakeEvent(),
      onClicked: new FakeEvent(),
      async create(notificationId, options) {
        record("notifications.create", notificationId, options);
        notifications.set(notificationId, options);
        return notificationId;
      },
      async clear(notificationId) {
        record("notifications.clear", notificationId);
        return notifications.delete(notificationId);
      },
    },
    action: {
      badge: { text: "", color: null, title: "" },
      async setBadgeText({ text }) {
        chrome.action.badge.text = text;
      },
      async setBadgeBackgroundColor({ color }) {
        chrome.action.badge.color = color;
      },
      async setTitle({ title }) {
        chrome.action.badge.title = title;
      },
    },
    scripting: {
      registered,
      async registerContentScripts(scripts) {
        record("scripting.registerContentScripts", scripts);
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, structuredClone(s));
        }
      },
      async updateContentScripts(scripts) {
        record("scripting.updateContentScripts", scripts);
        for (const s of scripts) registered.set(s.id, { ...registered.get(s.id), ...structuredClone(s) });
      },
      async unregisterContentScripts({ ids }) {
        record("scripting.unregisterContentScripts", ids);
        for (const i of ids) registered.delete(i);
      },
      async getRegisteredContentScripts({ ids } = {}) {
        return [...registered.values()].filter((s) => !ids || ids.includes(s.id)).map((s) => structuredClone(s));
      },
      async executeScript(injection) {
        record("scripting.executeScript", injection);
        return [];
      },
    },
    declarativeNetRequest: {
      sessionRules: [],
      async getSessionRules() {
        return structuredClone(chrome.declarativeNetRequest.sessionRules);
      },
      async updateSessionRules({ removeRuleIds = [], addRules = [] }) {
        record("declarativeNetRequest.updateSessionRules", { removeRuleIds, addRules });
        const kept = chrome.declarativeNetRequest.sessionRules.filter((r) => !removeRuleIds.includes(r.id));
        // As Chrome: a rule id already in use is an error, and nothing changes.
        for (const rule of addRules) {
          if (kept.some((r) => r.id === rule.id)) throw new Error(`Rule with id ${rule.id} already exists`);
        }
        chrome.declarativeNetRequest.sessionRules = [...kept, ...structuredClone(addRules)];
      },
    },
    webNavigation: {
      onBeforeNavigate: new FakeEvent(),
      onCommitted: new FakeEvent(),
      onDOMContentLoaded: new FakeEvent(),
      onErrorOccurred: new FakeEvent(),
    },
    contentSettings: {
      // The browser's answers as measured in Chromium 156 (docs/facts.md,
      // "Third-party cookies"): get() with a secondary URL reports third-party
      // blocking too; a policy block wins over the extension's rules.
      cookies: {
        async get({ primaryUrl, secondaryUrl }) {
          record("contentSettings.cookies.get", { primaryUrl, secondaryUrl });
          return { setting: cookieSetting(primaryUrl, secondaryUrl) };
        },
        async set(details) {
          record("contentSettings.cookies.set", details);
          if (cookieWorld.setError) throw new Error(cookieWorld.setError);
          const same = (r) => r.primaryPattern === details.primaryPattern && r.secondaryPattern === details.secondaryPattern;
          cookieWorld.rules = [...cookieWorld.rules.filter((r) => !same(r)), structuredClone(details)];
        },
        async clear(details) {
          record("contentSettings.cookies.clear", details);
          cookieWorld.rules = [];
        },
      },
    },
    privacy: {
      websites: {
        thirdPartyCookiesAllowed: {
          async get() {
            return {
              value: !cookieWorld.thirdPartyBlocked,
              levelOfControl: cookieWorld.thirdPartyLocked ? "not_controllable" : "controllable_by_this_extension",
            };
          },
        },
      },
    },
  };

  // The cookie settings the fake browser applies: third-party cookies
  // blocked or not (locked by policy or not), the origins and "site,embedder"
  // pairs a policy blocks, and the extension's own rules.
  const cookieWorld = { thirdPartyBlocked: false, thirdPartyLocked: false, policyBlocks: [], rules: [], setError: null };
  const originOf = (url) => new URL(url).origin;
  function cookieSetting(primaryUrl, secondaryUrl) {
    const site = originOf(primaryUrl);
    if (cookieWorld.policyBlocks.includes(site)) return "block";
    if (!secondaryUrl) return "allow";
    const top = originOf(secondaryUrl);
    if (cookieWorld.policyBlocks.includes(`${site},${top}`)) return "block";
    if (cookieWorld.rules.some((r) => r.primaryPattern === `${site}/*` && r.secondaryPattern === `${top}/*`)) return "allow";
    return cookieWorld.thirdPartyBlocked && site !== top ? "block" : "allow";
  }

  // Test helpers, outside the chrome.* surface.
  chrome.test = {
    cookies: cookieWorld,
    tabs,
    windows,
    alarms,
    notifications,
    openTab: (url, props = {}) => makeTab({ url, ...props }),
    openWindow: (type = "normal") => makeWindow(type),
    closeTab: (tabId) => removeTab(tabId),
    setTabMessageHandler(fn) {
      tabMessageHandler = fn;
    },
    lastPort: () => ports[ports.length - 1],
    callsOf: (api) => calls.filter((c) => c[0] === api).map((c) => c.slice(1)),
    /** Fires webNavigation like Chromium does for one navigation step. */
    navigate(event, details) {
      return Promise.all(chrome.webNavigation[event].emit({ frameId: 0, timeStamp: 0, ...details }));
    },
    /** The system's input state changes, as chrome.idle reports it. */
    setIdle(state) {
      chrome.idle.state = state;
      return Promise.all(chrome.idle.onStateChanged.emit(state));
    },
    fireAlarm(name) {
      return chrome.alarms.onAlarm.emit({ name, scheduledTime: alarms.get(name)?.scheduledTime });
    },
  };
  return chrome;
}
