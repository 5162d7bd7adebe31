// Launches Debian's Chromium through playwright-core with a persistent
// user-data-dir (needed for extensions and native host manifests), the flags
// that work here (docs/facts.md, "Testing here"), the emulator's resolver rules
// and, when asked, the unpacked extension. A force-installed extension comes
// from the browser policy instead: Chromium downloads it with its background
// networking, which the other beds turn off.
import { chromium } from "playwright-core";
import { CHROMIUM, EXTENSION_DIR } from "./paths.js";

export const EXTENSION_ID = "lgnognmbodadambbbcigkefnngodpege";

const BACKGROUND_NETWORKING_OFF = "--disable-background-networking";
const BASE_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  "--ignore-certificate-errors",
];

/**
 * The product's flags for Chromium, for every launcher (this one and
 * tests/e2e/tools/census/raw-chromium.js, which starts it without Playwright).
 */
export function chromiumFlags({ hostResolverRules, withExtension = true, headed = false, forceInstalled = false }) {
  const args = [...BASE_FLAGS, `--host-resolver-rules=${hostResolverRules}`];
  if (!forceInstalled) args.push(BACKGROUND_NETWORKING_OFF);
  if (withExtension) args.push(`--load-extension=${EXTENSION_DIR}`, `--disable-extensions-except=${EXTENSION_DIR}`);
  if (!headed) args.push("--headless=new");
  return args;
}

/**
 * @param {{userDataDir: string, hostResolverRules: string, withExtension?: boolean,
 *          env?: Record<string,string>, headed?: boolean, popupBlocking?: boolean}} options
 *   popupBlocking: keep Chromium's popup blocker, which Playwright turns off by
 *   default (--disable-popup-blocking); a scenario about a page's own windows
 *   lets Chromium decide.
 *   forceInstalled: the extension comes from the browser policy, not
 *   --load-extension (withExtension is then ignored).
 * @returns {Promise<{context, browserLog: string[], close: () => Promise<void>}>}
 */
export async function launchBrowser({
  userDataDir, hostResolverRules, withExtension = true, env = {}, headed = false, popupBlocking = false, forceInstalled = false,
}) {
  const browserLog = [];
  const args = chromiumFlags({ hostResolverRules, withExtension: withExtension && !forceInstalled, headed, forceInstalled });

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // headless mode is chosen by the flag above: --headless=new runs extensions
    args,
    // Playwright's defaults would disable extensions and other parts the product needs.
    ignoreDefaultArgs: [
      "--disable-extensions", "--disable-component-extensions-with-background-pages", "--enable-automation",
      ...(popupBlocking ? ["--disable-popup-blocking"] : []),
      ...(forceInstalled ? [BACKGROUND_NETWORKING_OFF] : []),
    ],
    env: { ...process.env, ...env },
    viewport: { width: 1100, height: 760 },
    timeout: 30_000,
    // Chromium's own stderr (native messaging errors show up there) is kept for failure reports.
    logger: {
      isEnabled: (name) => name === "browser",
      log: (name, severity, message) => browserLog.push(String(message)),
    },
  });
  let closed = false;
  return {
    context,
    browserLog,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
    },
  };
}
