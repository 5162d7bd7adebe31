// Stopping the extension's service worker the way Chrome does when it idles
// one out, and watching it start again, through the DevTools protocol's
// ServiceWorker domain (the same "stop" as chrome://serviceworker-internals).
//
// Why not Playwright's Worker "close" event: Chromium keeps the worker's
// DevTools target across a stop and a restart (same targetId), so Playwright
// neither closes its Worker object nor reports a new one; and evaluating in a
// stopped worker hangs. The ServiceWorker domain's runningStatus
// (running → stopping → stopped → starting → running) is what tells.
import { EXTENSION_ID } from "./browser.js";
import { waitFor } from "./wait.js";

const SCRIPT_PREFIX = `chrome-extension://${EXTENSION_ID}/`;

/**
 * Watches the extension's service worker from a CDP session on `page` (any
 * page of the browser profile: the ServiceWorker domain sees every worker of
 * the profile's storage partition, the extension's included).
 * @returns {Promise<{status: () => string|null, history: () => string[], stop: () => Promise<void>,
 *                    waitForStatus: (status: string, options?: {timeoutMs?: number}) => Promise<void>,
 *                    detach: () => Promise<void>}>}
 */
export async function watchExtensionWorker(context, page) {
  const cdp = await context.newCDPSession(page);
  let versionId = null;
  let status = null;
  const history = [];
  cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(SCRIPT_PREFIX)) continue;
      versionId = version.versionId;
      if (version.runningStatus !== status) history.push(version.runningStatus);
      status = version.runningStatus;
    }
  });
  await cdp.send("ServiceWorker.enable");
  await waitFor(() => versionId !== null, { timeoutMs: 10_000, what: "DevTools to report the extension's service worker" });

  const waitForStatus = (wanted, { timeoutMs = 15_000 } = {}) =>
    waitFor(() => status === wanted, {
      timeoutMs, what: () => `the extension's service worker to be ${wanted} (statuses seen: ${history.join(" → ")})`,
    });

  return {
    status: () => status,
    history: () => history.slice(),
    /** Stops the worker (whatever keeps it alive, the native port included) and waits until it is stopped. */
    async stop() {
      await cdp.send("ServiceWorker.stopWorker", { versionId });
      await waitForStatus("stopped");
    },
    waitForStatus,
    detach: () => cdp.detach().catch(() => {}),
  };
}
