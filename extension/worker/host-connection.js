// The one long-lived native-messaging port to the host (connectNative keeps
// the MV3 worker alive while it is open). Sends `hello` on every new port at
// once and again when the managed policy is read or changes; reconnects with back-off when the
// port closes; reports why it closed (host missing, forbidden, refused…).
import { backoffDelay, HOST_RECONNECT_BACKOFF } from "../lib/backoff.js";
import { classifyDisconnect, HOST_NAME } from "../lib/host-status.js";

export const PROTOCOL_VERSION = 1;
export const RECONNECT_ALARM = "host-reconnect";
// chrome.alarms fire at most every 30 s in packed builds: the backstop that
// reconnects even if the worker slept through the setTimeout.
const ALARM_MIN_DELAY_MS = 30_000;

export function createHostConnection({
  chrome,
  timers,
  random = Math.random,
  now = Date.now,
  newId,
  browser,
  getPolicy,
  onWelcome,
  onMessage,
  onStatus,
  log = () => {},
}) {
  let port = null;
  let attempt = 0;
  let reconnectTimer = null;
  let hostErrorCode = null;
  let fresh = false;

  function post(message) {
    if (!port) return false;
    try {
      port.postMessage(message);
      return true;
    } catch (error) {
      log(`could not send ${message.type}: ${error?.message ?? error}`);
      return false;
    }
  }

  // The managed policy as last read; undefined until the first read answers.
  // At browser start that read can take seconds, and the host should hear
  // from us at once (a missing host shows at once, the host's own config
  // applies meanwhile): hello goes out with what is known, and again on the
  // same port when a read brings something new.
  let policy;
  let policyRead = null;
  let rereadWanted = false;

  function sendHello() {
    return post({
      type: "hello",
      id: newId(),
      v: PROTOCOL_VERSION,
      browser,
      extensionVersion: chrome.runtime.getManifest().version,
      policy: policy ?? null,
    });
  }

  // One read at a time; a change announced during a read is read again
  // afterwards, so the last hello always carries the newest policy.
  function refreshPolicy() {
    if (policyRead) {
      rereadWanted = true;
      return policyRead;
    }
    policyRead = getPolicy().then((read) => {
      policyRead = null;
      const next = read ?? null;
      const changed = JSON.stringify(next) !== JSON.stringify(policy ?? null);
      policy = next;
      if (changed) sendHello();
      if (!rereadWanted) return changed;
      rereadWanted = false;
      return refreshPolicy();
    });
    return policyRead;
  }

  function hello() {
    sendHello();
    return refreshPolicy();
  }

  function handleMessage(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === "welcome") {
      attempt = 0;
      const wasFresh = fresh;
      fresh = false;
      onWelcome({
        config: message.config ?? null,
        problems: message.problems ?? [],
        hostVersion: message.hostVersion ?? null,
        fresh: wasFresh,
      });
      return;
    }
    // The host says why before it exits: remember it for the disconnect.
    if (message.type === "error" && (message.code === "origin" || message.code === "version")) {
      hostErrorCode = message.code;
    }
    onMessage(message);
  }

  function scheduleReconnect() {
    const delay = backoffDelay(attempt, HOST_RECONNECT_BACKOFF, random);
    attempt += 1;
    timers.clearTimeout(reconnectTimer);
    reconnectTimer = timers.setTimeout(connect, delay);
    chrome.alarms.create(RECONNECT_ALARM, { when: now() + Math.max(delay, ALARM_MIN_DELAY_MS) });
    log(`helper reconnect in ${Math.round(delay / 1000)} s`);
  }

  function handleDisconnect(errorMessage) {
    const status = classifyDisconnect(errorMessage, hostErrorCode);
    onStatus({ status, detail: errorMessage ?? null });
    scheduleReconnect();
  }

  function connect() {
    timers.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (port) return;
    hostErrorCode = null;
    let p;
    try {
      p = chrome.runtime.connectNative(HOST_NAME);
    } catch (error) {
      handleDisconnect(error?.message ?? String(error));
      return;
    }
    port = p;
    fresh = true;
    log(`connecting to ${HOST_NAME}`);
    p.onMessage.addListener((message) => {
      if (port === p) handleMessage(message);
    });
    p.onDisconnect.addListener(() => {
      const message = chrome.runtime.lastError?.message; // reading it also silences Chrome's warning
      if (port !== p) return;
      port = null;
      handleDisconnect(message);
    });
    chrome.alarms.clear(RECONNECT_ALARM);
    onStatus({ status: "connecting" });
    hello().catch((error) => log(`hello failed: ${error?.message ?? error}`));
  }

  return {
    connect,
    post,
    /** The managed policy changed: tell the host on the same port. */
    rehello: () => refreshPolicy(),
    onAlarm(name) {
      if (name === RECONNECT_ALARM && !port) connect();
    },
    get connected() {
      return port !== null;
    },
  };
}
