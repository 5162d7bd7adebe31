// Everything one scenario (or the demo) runs on: an emulator, a fresh
// user-data-dir, the product config and state dir, the host installed into
// that user-data-dir, and Chromium with the extension. `close()` tears it all
// down in reverse order, whatever state it is in.
import { startEmulator } from "../emulator/index.js";
import { EXTENSION_ID, launchBrowser } from "./browser.js";
import { isExtensionUrl, waitForExtensionReady, waitForExtensionWorker } from "./extension.js";
import { prepareForceInstall } from "./force-install.js";
import { foreignManagedPolicies, removeManagedPolicy, writeManagedPolicy } from "./managed-policy.js";
import { installHost } from "./native-host.js";
import { writeProductConfig } from "./product-config.js";
import { createUserDataDir } from "./user-data-dir.js";

/**
 * @param {{emulator?: object, config?: object, thirdPartyCookies?: "allowed"|"blocked",
 *          browserPolicy?: object, withExtension?: boolean, needsHost?: boolean,
 *          installHost?: boolean, headed?: boolean, popupBlocking?: boolean, forceInstall?: boolean}} options
 *   installHost: false leaves the built host unregistered (the agent's browser before the rollout).
 *   browserPolicy: managed browser policy for this bed only (harness/managed-policy.js).
 *   forceInstall: the enterprise path (harness/force-install.js): `config` is
 *   the company's, carried by the policy `ccp-relogin policy` makes from it;
 *   the extension is force-installed by that policy (its entries merged
 *   under browserPolicy's), and the host's file only names its ID.
 * @returns {Promise<{emulator, context, worker, logs, stateDir, configPath, userDataDir, productEnv, close}>}
 *   On failure the partly built bed is attached to the error as `error.bed` (close it).
 */
export async function startTestBed(options) {
  const bed = await prepareTestBed(options);
  try {
    const withExtension = options.withExtension ?? true;
    const browser = await launchBrowser({
      userDataDir: bed.userDataDir, hostResolverRules: bed.emulator.hostResolverRules,
      withExtension, env: bed.productEnv, headed: options.headed, popupBlocking: options.popupBlocking,
      forceInstalled: Boolean(options.forceInstall),
    });
    bed.cleanups.push(browser.close);
    bed.logs.browser = browser.browserLog;
    bed.context = browser.context;
    captureConsoles(bed.context, bed.logs);
    // A force-installed extension is downloaded and installed first.
    if (withExtension || options.forceInstall) {
      bed.worker = await waitForExtensionWorker(bed.context, options.forceInstall ? 30_000 : 10_000, bed.extensionId);
    }
    if (withExtension && bed.hostRegistered) await waitForExtensionReady(bed.worker);
    return bed;
  } catch (error) {
    error.bed = bed;
    throw error;
  }
}

/**
 * Everything of a test bed but the browser: the emulator, the user-data-dir,
 * the config and state dir, the host installed. For launchers other than
 * Playwright (tests/e2e/tools/stall-census.mjs); `bed.cleanups` takes theirs.
 * Same options as startTestBed; on failure the partly built bed is `error.bed`.
 */
export async function prepareTestBed(options) {
  const cleanups = [];
  const bed = {
    emulator: null, context: null, worker: null, stateDir: null, configPath: null, userDataDir: null, productEnv: {},
    extensionId: EXTENSION_ID, policy: null,
    hostRegistered: false, cleanups,
    logs: { worker: [], pages: [], browser: [] },
    async close() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
    },
  };
  try {
    await removeManagedPolicy(); // one a killed run may have left: no other bed may see it
    const foreign = await foreignManagedPolicies();
    if (foreign.length > 0) throw new Error(`browser policy not written by this harness applies to every scenario; remove it first: ${foreign.join(", ")}`);
    let hostConfig = options.config;
    let releaseDir = null;
    if (options.forceInstall) {
      const enterprise = await prepareForceInstall(options.config);
      cleanups.push(enterprise.dispose);
      Object.assign(bed, { extensionId: enterprise.extensionId, policy: enterprise.policy });
      hostConfig = enterprise.hostConfig;
      releaseDir = enterprise.releaseDir;
    }
    // Chromium keeps DevTools, so Playwright too, away from an extension the
    // policy installed unless DeveloperToolsAvailability allows it
    // (docs/facts.md, "Policies"): the test's own inspection needs it.
    const inspection = options.forceInstall ? { DeveloperToolsAvailability: 1 } : {};
    const policy = bed.policy || options.browserPolicy ? { ...bed.policy, ...inspection, ...options.browserPolicy } : null;
    if (policy) cleanups.push(await writeManagedPolicy(policy));
    bed.emulator = await startEmulator({ scenario: options.emulator, extensionReleaseDir: releaseDir });
    cleanups.push(() => bed.emulator.stop());
    const udd = await createUserDataDir({ thirdPartyCookies: options.thirdPartyCookies });
    cleanups.push(udd.dispose);
    bed.userDataDir = udd.dir;

    const productEnv = bed.productEnv; // what the host sees: config, state dir
    if (hostConfig) {
      const files = await writeProductConfig(hostConfig);
      cleanups.push(files.dispose);
      Object.assign(bed, { stateDir: files.stateDir, configPath: files.configPath });
      Object.assign(productEnv, {
        CCP_RELOGIN_CONFIG: files.configPath, CCP_RELOGIN_STATE_DIR: files.stateDir, XDG_CONFIG_HOME: files.xdgConfigHome,
      });
    }
    bed.hostRegistered = (options.needsHost ?? true) && (options.installHost ?? true);
    if (bed.hostRegistered) {
      await installHost(udd.dir, { ...process.env, ...productEnv }, { extensionId: options.forceInstall ? bed.extensionId : null });
    }
    return bed;
  } catch (error) {
    error.bed = bed;
    throw error;
  }
}

function captureConsoles(context, logs) {
  const stamp = () => new Date().toISOString().slice(11, 23);
  const watchWorker = (worker) => {
    if (!isExtensionUrl(worker.url())) return;
    worker.on("console", (m) => logs.worker.push(`${stamp()} [${m.type()}] ${m.text()}`));
    worker.on("close", () => logs.worker.push(`${stamp()} (service worker stopped)`));
  };
  context.serviceWorkers().forEach(watchWorker);
  context.on("serviceworker", watchWorker);
  context.on("console", (m) => {
    const page = m.page();
    if (page) logs.pages.push(`${stamp()} ${page.url()} [${m.type()}] ${m.text()}`);
  });
  context.on("weberror", (e) => logs.pages.push(`${stamp()} [pageerror] ${e.error().message}`));
  // Tab lifecycle and top-level navigations: which tab went where, and when it closed.
  const watchPage = (page) => {
    const id = ++pageCount;
    logs.pages.push(`${stamp()} [tab ${id}] opened ${page.url()}`);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) logs.pages.push(`${stamp()} [tab ${id}] at ${frame.url().slice(0, 160)}`);
    });
    page.on("crash", () => logs.pages.push(`${stamp()} [tab ${id}] CRASHED`));
    page.on("close", () => logs.pages.push(`${stamp()} [tab ${id}] closed`));
  };
  let pageCount = 0;
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
}
