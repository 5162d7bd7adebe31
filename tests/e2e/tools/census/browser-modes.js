// The ways the stall census runs the browser, all on the same test bed and
// the same start URL, so only the debugger differs:
//   none         Chromium without any debugging switch: nothing can attach.
//   flags        the same, plus the switches Playwright adds (playwright-switches.js).
//   pipe         --remote-debugging-pipe, Target.setDiscoverTargets only:
//                targets are listed, none is attached to or paused.
//   pipe-attach  --remote-debugging-pipe and what Playwright does to every
//                new target, without Playwright: Target.setAutoAttach
//                {waitForDebuggerOnStart: true, flatten: true} on the browser
//                and on each page, and Runtime.runIfWaitingForDebugger on
//                each attached target `resumeDelayMs` later.
//   pipe-init    pipe-attach, and before resuming a new page the commands
//                Playwright's page initialisation sends (PLAYWRIGHT_PAGE_INIT,
//                read from a DEBUG=pw:protocol trace), in the same order
//   playwright   the e2e harness (harness/browser.js, launchPersistentContext),
//                with a test's polling of the agent page during the sign-ins.
import { ccpStatus, openAgentPage } from "../../harness/agent.js";
import { launchBrowser } from "../../harness/browser.js";
import { isExtensionUrl } from "../../harness/extension.js";
import { PLAYWRIGHT_SWITCHES } from "./playwright-switches.js";
import { launchRawChromium } from "./raw-chromium.js";

export const MODES = Object.freeze(["none", "flags", "pipe", "pipe-attach", "pipe-init", "playwright"]);

// What playwright-core 1.65.1 sends to a new page target between
// Target.attachedToTarget {waitingForDebugger: true} and
// Runtime.runIfWaitingForDebugger (harness viewport 1100×760, headless).
const PLAYWRIGHT_PAGE_INIT = Object.freeze([
  ["Page.enable"],
  ["Page.getFrameTree"],
  ["Log.enable"],
  ["Page.setLifecycleEventsEnabled", { enabled: true }],
  ["Runtime.enable"],
  ["Page.addScriptToEvaluateOnNewDocument", { source: "", worldName: "__census_utility_world" }],
  ["Network.enable"],
  ["Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }],
  ["Emulation.setFocusEmulationEnabled", { enabled: true }],
  ["Emulation.setDeviceMetricsOverride", {
    mobile: false, width: 1100, height: 760, screenWidth: 1100, screenHeight: 760, deviceScaleFactor: 1,
    screenOrientation: { angle: 0, type: "landscapePrimary" },
  }],
  ["Page.setFontFamilies", { fontFamilies: {
    standard: "Times New Roman", fixed: "Monospace", serif: "Times New Roman", sansSerif: "Arial", cursive: "Comic Sans MS", fantasy: "Impact",
  } }],
  ["Emulation.setEmulatedMedia", { media: "", features: [
    { name: "prefers-color-scheme", value: "light" }, { name: "prefers-reduced-motion", value: "no-preference" },
    { name: "forced-colors", value: "none" }, { name: "prefers-contrast", value: "no-preference" },
  ] }],
]);
const POLL_MS = 50; // harness/wait.js's default interval
const AUTO_ATTACH = Object.freeze({ autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

/**
 * Starts the browser of `mode` on `bed` at `startUrl`.
 * @returns {Promise<{targetEvents: object[], diagnose?: () => Promise<object>, close: () => Promise<void>}>}
 *   diagnose (playwright only): what the tabs are doing, asked while a sign-in is stalled
 */
export async function startBrowser(mode, { bed, startUrl, resumeDelayMs = 0, pageInitMethods = null }) {
  if (mode === "playwright") return startPlaywright(bed, startUrl);
  const browser = launchRawChromium({
    bed, startUrl, pipe: !["none", "flags"].includes(mode), extraFlags: mode === "flags" ? PLAYWRIGHT_SWITCHES : [],
  });
  const targetEvents = [];
  if (mode === "pipe") await discoverOnly(browser.cdp, targetEvents);
  if (mode === "pipe-attach") await attachLikePlaywright(browser.cdp, targetEvents, resumeDelayMs, []);
  if (mode === "pipe-init") await attachLikePlaywright(browser.cdp, targetEvents, resumeDelayMs, pageInit(pageInitMethods));
  bed.logs.browser = browser.stderr;
  return { targetEvents, close: browser.close };
}

async function discoverOnly(cdp, targetEvents) {
  const started = Date.now();
  cdp.onEvent(({ method, params }) => {
    if (method.startsWith("Target.target")) targetEvents.push({ at: Date.now() - started, method, type: params.targetInfo?.type, url: params.targetInfo?.url });
  });
  await cdp.send("Target.setDiscoverTargets", { discover: true });
}

/** PLAYWRIGHT_PAGE_INIT, or only the commands named (to find the one that matters). */
function pageInit(methods) {
  if (!methods) return PLAYWRIGHT_PAGE_INIT;
  const unknown = methods.filter((m) => !PLAYWRIGHT_PAGE_INIT.some(([method]) => method === m));
  if (unknown.length) throw new Error(`not in Playwright's page initialisation: ${unknown.join(", ")}`);
  return PLAYWRIGHT_PAGE_INIT.filter(([method]) => methods.includes(method));
}

// pageInit: sent, all at once and without waiting for answers (as Playwright
// does), to a new page before it is resumed.
async function attachLikePlaywright(cdp, targetEvents, resumeDelayMs, pageInit) {
  const started = Date.now();
  const autoAttach = (sessionId) => cdp.send("Target.setAutoAttach", AUTO_ATTACH, sessionId);
  cdp.onEvent(({ method, params }) => {
    if (method !== "Target.attachedToTarget") return;
    const { sessionId, targetInfo, waitingForDebugger } = params;
    targetEvents.push({ at: Date.now() - started, method, type: targetInfo.type, url: targetInfo.url, waitingForDebugger });
    const resume = async () => {
      const commands = targetInfo.type === "page" && pageInit.length ? pageInit : [["Target.setAutoAttach", AUTO_ATTACH]];
      const sent = [];
      if (targetInfo.type === "page" || targetInfo.type === "iframe") {
        for (const [method, params] of commands) sent.push(cdp.send(method, params ?? {}, sessionId).catch(() => {}));
      }
      sent.push(cdp.send("Runtime.runIfWaitingForDebugger", {}, sessionId).catch(() => {}));
      await Promise.all(sent);
    };
    setTimeout(() => resume(), resumeDelayMs);
  });
  await autoAttach(undefined);
}

async function startPlaywright(bed, startUrl) {
  const browser = await launchBrowser({
    userDataDir: bed.userDataDir, hostResolverRules: bed.emulator.hostResolverRules, env: bed.productEnv,
  });
  bed.logs.browser = browser.browserLog;
  const agent = await openAgentPage(browser.context, startUrl);
  // What a scenario does while it waits for the agent to be back (harness/agent.js, waitForCcpState).
  let polling = true;
  const poll = (async () => {
    while (polling) {
      await ccpStatus(agent).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    targetEvents: [],
    diagnose: () => diagnoseTabs(browser.context),
    async close() {
      polling = false;
      await poll;
      await browser.close();
    },
  };
}

const DIAGNOSE_WAIT_MS = 1000;
const answerWithin = (promise) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(`no answer within ${DIAGNOSE_WAIT_MS} ms`), DIAGNOSE_WAIT_MS))]);

/**
 * Every tab as the extension sees it (chrome.tabs: status, url, pendingUrl)
 * and whether its page runs script (document.readyState through Playwright;
 * a renderer paused before the page's scripts does not answer).
 */
async function diagnoseTabs(context) {
  const worker = context.serviceWorkers().find((w) => isExtensionUrl(w.url()));
  const tabs = worker
    ? await answerWithin(worker.evaluate(() => chrome.tabs.query({}).then((all) =>
      all.map((t) => ({ id: t.id, status: t.status, url: (t.url ?? "").slice(0, 80), pendingUrl: t.pendingUrl?.slice(0, 80) })))))
    : "no extension worker";
  const pages = await Promise.all(context.pages().map(async (p) => ({
    url: p.url().slice(0, 80),
    readyState: await answerWithin(p.evaluate(() => document.readyState).catch((e) => `error: ${e.message.split("\n")[0]}`)),
  })));
  return { tabs, pages };
}
