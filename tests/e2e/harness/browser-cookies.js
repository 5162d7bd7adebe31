// The browser's cookie settings and the product's record of changing them,
// as a helpdesk would check them: what Chromium says for the Connect cookie
// inside the custom CCP (read through the extension's own
// chrome.contentSettings), the rules the extension recorded, what its log
// says it did, and the cookie-rule lines of the host's audit log.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CUSTOM_CCP_URL } from "./product-config.js";

export const CUSTOM_CCP_ORIGIN = new URL(CUSTOM_CCP_URL).origin;

/** "allow" | "block" | "session_only" for the Connect origin's cookie inside `embedder`. */
export function cookieSettingInside(worker, connectOrigin, embedder = CUSTOM_CCP_ORIGIN) {
  return worker.evaluate(
    async ([primaryUrl, secondaryUrl]) => (await chrome.contentSettings.cookies.get({ primaryUrl, secondaryUrl })).setting,
    [`${connectOrigin}/`, `${embedder}/`],
  );
}

/** The cookie rules the extension says it set (storage.local, lib/storage-keys.js COOKIE_RULES_KEY). */
export function recordedCookieRules(worker) {
  return worker.evaluate(async () => (await chrome.storage.local.get("cookieRules")).cookieRules ?? []);
}

/** The texts of the extension's debug log (ccpRelogin.log()). */
export function extensionLogTexts(worker) {
  return worker.evaluate(() => globalThis.ccpRelogin.log().map((entry) => entry.text));
}

/** The host's audit lines of `event`, oldest first. */
export async function auditEvents(stateDir, event) {
  let text = "";
  try {
    text = await readFile(join(stateDir, "audit.jsonl"), "utf8");
  } catch {
    return [];
  }
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line)).filter((e) => e.event === event);
}
