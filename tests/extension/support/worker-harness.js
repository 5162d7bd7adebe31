// Builds the whole service worker (extension/worker/worker.js) over the fake
// chrome APIs, a fake clock and a scripted session probe, connected to a fake
// native host port.
import { createWorker } from "../../../extension/worker/worker.js";
import { createFakeChrome } from "./fake-chrome.js";
import { createFakeClock } from "./fake-clock.js";

export const CONNECT = "https://acme.my.connect.aws";
export const CUSTOM_CCP = "https://agents.example.com/ccp";
export const SIGN_IN_URL =
  "https://launcher.myapps.microsoft.com/api/signin/11111111-2222-3333-4444-555555555555?tenantId=t&RelayState=x";

export const CONFIG = Object.freeze({
  profiles: [
    {
      name: "agents-us",
      instance: { id: "178c75e4-b3de-4839-a6aa-e321ab3f3770", alias: "acme", region: "us-east-1", partition: "aws", domain: "my.connect.aws" },
      connectOrigin: CONNECT,
      destination: "/ccp-v2",
      returnTo: [CUSTOM_CCP],
    },
  ],
  detection: { phrases: ["Session expired"], loginPaths: ["/login", "/connect/login", "/connect/auth/refresh"] },
  relogin: { mode: "tab", timeoutSeconds: 300 },
  guard: { maxAttempts: 3, windowSeconds: 900, postLoginSeconds: 60 },
});

export const quietConsole = { info() {}, log() {}, warn() {}, error() {}, debug() {} };

export async function settle(worker, rounds = 12) {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await worker.settled();
  }
}

/**
 * Starts a worker. `probe` answers the session probe: {status, redirected?,
 * url?} or {error}; change it later with h.setProbe(). `welcome: false`
 * leaves the host silent. `awaitStart: false` returns while start() still
 * waits (e.g. on a held managed-storage read).
 */
export async function startWorker({
  chrome = createFakeChrome(),
  clock = createFakeClock(),
  config = CONFIG,
  welcome = true,
  probe = { status: 401 },
  brands = [{ brand: "Chromium", version: "156" }],
  awaitStart = true,
} = {}) {
  let probeAnswer = probe;
  const fetchCalls = [];
  const fetch = async (url, init) => {
    fetchCalls.push({ url, init });
    if (probeAnswer.error) throw new TypeError(probeAnswer.error);
    return { status: probeAnswer.status, redirected: Boolean(probeAnswer.redirected), url: probeAnswer.url ?? url };
  };
  const scope = new EventTarget();
  const worker = createWorker({
    chrome,
    fetch,
    scope,
    userAgentData: { brands },
    now: clock.now,
    random: () => 0.5,
    timers: clock,
    console: quietConsole,
  });
  worker.listen();
  const started = worker.start();
  // awaitStart: false for a start that waits on something the test releases.
  if (awaitStart) await started;
  await settle(worker);
  const port = chrome.test.lastPort();
  const h = {
    worker,
    chrome,
    clock,
    port,
    scope,
    fetchCalls,
    setProbe(answer) {
      probeAnswer = answer;
    },
    settle: () => settle(worker),
    state: () => worker.debug.state(),
    flow: (key = "agents-us") => worker.debug.state().flows[key],
    /** The last message of `type` the worker sent to the host. */
    lastSent(type) {
      const port = chrome.test.lastPort();
      const list = port.sentOfType(type);
      return list[list.length - 1];
    },
    /** The host answers the last request of `type`. */
    async hostAnswers(type, answer) {
      const request = h.lastSent(type);
      if (!request) throw new Error(`no ${type} was sent`);
      chrome.test.lastPort().reply({ re: request.id, ...answer });
      await settle(worker);
    },
    async advance(ms) {
      clock.advance(ms);
      await settle(worker);
    },
  };
  if (welcome) {
    const hello = port.sentOfType("hello")[0];
    port.reply({ type: "welcome", re: hello?.id, v: 1, hostVersion: "0.1.0", config, problems: [] });
    await settle(worker);
  }
  return h;
}
