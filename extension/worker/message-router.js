// chrome.runtime.onMessage: content scripts and extension pages → worker.
//   {kind: "page-signal", signal, category, evidence}   detector (content/detect-main.js)
//   {kind: "bridge-ready"}                               bridge loaded in a custom-CCP tab
//   {kind: "bridge-event", type, contactId, frameSrc}    Streams bridge (content/bridge.js)
//   {kind: "sign-in-again", key}                         popup / options → {ok}
//   {kind: "check-host"}                                 popup / options opened: try the host now
// The sender's URL, tab and frame come from Chrome (`sender`), never from the message.
import { configOf } from "../lib/flow-state.js";
import { connectPage, matchProfile, parseHttps, returnToOrigins } from "../lib/url-rules.js";

const SIGNALS = new Set(["text", "login-page"]);
const CATEGORIES = new Set(["expiry", "misconfiguration", "idp-error"]);
const BRIDGE_TYPES = new Set(["auth-fail", "contact-start", "contact-end", "agent-logout"]);

// `ready` resolves once the stored state is loaded: the message that wakes
// the worker arrives before that, and must see the configuration.
export function createMessageRouter({
  chrome,
  getState,
  dispatch,
  intake,
  checkHost = () => {},
  ready = Promise.resolve(),
  log = () => {},
}) {
  const extensionOrigin = new URL(chrome.runtime.getURL("")).origin;

  function fromExtensionPage(sender) {
    try {
      return new URL(sender.url).origin === extensionOrigin;
    } catch {
      return false;
    }
  }

  function fromCustomCcp(sender) {
    if (!sender.tab || sender.frameId !== 0) return false;
    const origin = parseHttps(sender.url)?.origin;
    return Boolean(origin) && returnToOrigins(configOf(getState()).profiles).includes(origin);
  }

  function pageSignal(message, sender) {
    if (!sender.tab || !SIGNALS.has(message.signal) || !CATEGORIES.has(message.category)) return;
    return intake.submit({
      signal: message.signal,
      category: message.category,
      evidence: typeof message.evidence === "string" ? message.evidence.slice(0, 200) : "",
      tabId: sender.tab.id,
      windowId: sender.tab.windowId,
      frameId: sender.frameId ?? 0,
      tabUrl: sender.tab.url ?? "",
      frameUrl: sender.url ?? "",
      documentStartedAt: Number.isFinite(message.documentStartedAt) ? message.documentStartedAt : null,
    });
  }

  function bridgeEvent(message, sender) {
    if (!fromCustomCcp(sender) || !BRIDGE_TYPES.has(message.type)) return;
    const tabId = sender.tab.id;
    if (message.type === "auth-fail") {
      const frameSrc = connectPage(message.frameSrc) ? message.frameSrc : null;
      return intake.submit({
        signal: "streams",
        category: "expiry",
        evidence: "onAuthFail",
        tabId,
        windowId: sender.tab.windowId,
        frameId: 0,
        tabUrl: sender.url,
        frameUrl: frameSrc ?? sender.url,
      });
    }
    if (message.type === "agent-logout") {
      // The CCP frame's Connect origin, else the profile whose returnTo has this page.
      const frame = connectPage(message.frameSrc);
      const connectOrigin = frame?.origin ?? matchProfile(configOf(getState()).profiles, { tabUrl: sender.url })?.connectOrigin;
      if (!connectOrigin) return undefined;
      return dispatch({ type: "agent-signed-out", connectOrigin, tabId, fromPage: true });
    }
    return dispatch({ type: message.type, tabId, contactId: message.contactId ?? null });
  }

  return function onMessage(message, sender, sendResponse) {
    if (sender?.id !== chrome.runtime.id || !message || typeof message !== "object") return false;
    const later = (work) =>
      ready.then(work).catch((e) => log(`message ${message.kind} failed: ${e?.message ?? e}`));
    switch (message.kind) {
      case "page-signal":
        later(() => pageSignal(message, sender));
        return false;
      case "bridge-ready":
        later(() => fromCustomCcp(sender) && dispatch({ type: "bridge-ready", tabId: sender.tab.id, url: sender.url }));
        return false;
      case "bridge-event":
        later(() => bridgeEvent(message, sender));
        return false;
      case "sign-in-again":
        if (!fromExtensionPage(sender) || typeof message.key !== "string") return false;
        later(() => dispatch({ type: "sign-in-again", key: message.key })).then(() => sendResponse({ ok: true }));
        return true; // answered asynchronously
      case "check-host":
        // The agent (or helpdesk) just ran the fix command and opened the
        // popup: connect now rather than at the next back-off, up to 5 min away.
        if (fromExtensionPage(sender)) later(() => checkHost());
        return false;
      default:
        return false;
    }
  };
}
