// The extension as the tests see it: its service worker, its popup, and the
// browser windows it manages (read through its own chrome.* APIs).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EXTENSION_ID } from "./browser.js";
import { EXTENSION_DIR } from "./paths.js";
import { waitFor } from "./wait.js";

const extensionOrigin = (id) => `chrome-extension://${id}/`;

/**
 * A page or worker of an extension. Chromium runs no extension but
 * ccp-relogin here (--disable-extensions-except, or only the policy's), whose
 * ID is the development key's or, force-installed, its release key's.
 */
export const isExtensionUrl = (url) => url.startsWith("chrome-extension://");

/** The extension's service worker, once it runs. */
export async function waitForExtensionWorker(context, timeoutMs = 10_000, extensionId = EXTENSION_ID) {
  const isOurs = (w) => w.url().startsWith(extensionOrigin(extensionId));
  const running = context.serviceWorkers().find(isOurs);
  if (running) return running;
  try {
    return await context.waitForEvent("serviceworker", { predicate: isOurs, timeout: timeoutMs });
  } catch {
    throw new Error(`the extension's service worker did not start within ${timeoutMs} ms ` +
      `(does extension/manifest.json declare background.service_worker, and does it load without errors?)`);
  }
}

/**
 * Waits until the extension has the host's `welcome` (its configuration), as
 * an agent's long-running browser would have before any session ends. Reads
 * the worker's debug API (`globalThis.ccpRelogin.state()`, which the
 * extension exposes for these tests); without that API it does not wait.
 */
export async function waitForExtensionReady(worker, timeoutMs = 15_000) {
  const read = () => worker.evaluate(() => {
    const debug = globalThis.ccpRelogin;
    if (!debug?.state) return { exposed: false };
    const state = debug.state();
    return { exposed: true, welcomed: Boolean(state.welcome), host: state.host ?? null, problems: state.problems ?? [] };
  });
  let seen = null;
  return waitFor(async () => {
    seen = await read();
    return (!seen.exposed || seen.welcomed) && seen;
  }, {
    timeoutMs, intervalMs: 100,
    what: () => `the extension to get the host's welcome (host connection: ${JSON.stringify(seen?.host)}, problems: ${JSON.stringify(seen?.problems)})`,
  });
}

/** Opens the extension's action popup as a tab and returns the page. */
export async function openPopup(context, extensionId = EXTENSION_ID) {
  const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, "manifest.json"), "utf8"));
  const popup = manifest.action?.default_popup;
  if (!popup) throw new Error("extension/manifest.json has no action.default_popup: there is no popup to show a diagnosis in");
  const page = await context.newPage();
  await page.goto(`${extensionOrigin(extensionId)}${popup}`);
  return page;
}

/** Every browser window with its tabs, as the extension sees them. */
export function extensionWindows(worker) {
  return worker.evaluate(() => chrome.windows.getAll({ populate: true }));
}

/** The popup's visible text (opened as a tab, read, closed). */
export async function popupText(context) {
  const page = await openPopup(context);
  try {
    await page.waitForLoadState("load");
    return await page.locator("body").innerText();
  } finally {
    await page.close();
  }
}

/**
 * Starts recording every tab activation (chrome.tabs.onActivated) in the
 * extension's worker; the returned function reads them. Only observes.
 */
export async function recordTabActivations(worker) {
  await worker.evaluate(() => {
    globalThis.__e2eActivations = [];
    chrome.tabs.onActivated.addListener((info) => globalThis.__e2eActivations.push(info));
  });
  return () => worker.evaluate(() => globalThis.__e2eActivations);
}

/** The active tab of every window: [{windowId, tabId, url}]. */
export function activeTabs(worker) {
  return worker.evaluate(async () =>
    (await chrome.tabs.query({ active: true })).map((t) => ({ windowId: t.windowId, tabId: t.id, url: t.url })));
}
