// What the agent sees: the custom CCP page, its #ccp-status, and which tabs
// are open. Helpers wait on conditions, never on the clock.
import { CUSTOM_CCP_URL } from "./product-config.js";
import { isExtensionUrl } from "./extension.js";
import { waitFor } from "./wait.js";

/** Gives the browser a live Connect session for `instance`, as if the agent had signed in this morning. */
export async function signInAgent(context, emulator, instance) {
  await context.addCookies([emulator.createSession(instance)]);
}

/** Opens `url` in the first blank tab, or a new one. */
export async function openAgentPage(context, url = CUSTOM_CCP_URL) {
  const blank = context.pages().find((p) => p.url() === "about:blank");
  const page = blank ?? (await context.newPage());
  await page.goto(url);
  return page;
}

/** #ccp-status of a custom CCP page: its text and how many times its frame came up signed in. */
export function ccpStatus(page) {
  return page.evaluate(() => {
    const status = document.getElementById("ccp-status");
    return status ? { state: status.textContent, signedInCount: Number(status.dataset.signedInCount) } : null;
  });
}

/**
 * Waits until the custom CCP's frame reports `state`; for "signed-in", also
 * that it came up signed in at least `minSignedInCount` times (2 = it was
 * reloaded after a re-login).
 */
export function waitForCcpState(page, state, { minSignedInCount = 1, timeoutMs = 15_000, what } = {}) {
  return waitFor(async () => {
    const status = await ccpStatus(page);
    return status?.state === state && (state !== "signed-in" || status.signedInCount >= minSignedInCount) && status;
  }, { timeoutMs, what: what ?? `the custom CCP at ${page.url()} to show its frame ${state}` });
}

/** Tabs with web content (the extension's own pages, like its popup, left out). */
export function webPages(context) {
  return context.pages().filter((p) => !isExtensionUrl(p.url()));
}

/** Waits until exactly `pages` are open: every helper tab or window has been closed. */
export function waitForOnly(context, pages, { timeoutMs = 15_000 } = {}) {
  return waitFor(() => {
    const open = webPages(context);
    return open.length === pages.length && pages.every((p) => open.includes(p));
  }, { timeoutMs, what: () => `the helper tab to close (open: ${webPages(context).map((p) => p.url()).join(", ")})` });
}
