// A fresh Chromium user-data-dir per test (a reused one keeps a cached service
// worker), with third-party cookies allowed or blocked. Debian's Chromium
// blocks them by default; the preference below is the only switch that was
// seen to work (docs/facts.md, "Testing here").
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** cookie_controls_mode: 0 = allow third-party cookies, 1 = block them. */
const COOKIE_CONTROLS_MODE = { allowed: 0, blocked: 1 };

/**
 * @param {{thirdPartyCookies?: "allowed"|"blocked"}} options
 * @returns {Promise<{dir: string, dispose: () => Promise<void>}>}
 */
export async function createUserDataDir({ thirdPartyCookies = "allowed" } = {}) {
  const mode = COOKIE_CONTROLS_MODE[thirdPartyCookies];
  if (mode === undefined) throw new Error(`thirdPartyCookies must be "allowed" or "blocked", not ${thirdPartyCookies}`);
  const dir = await mkdtemp(join(tmpdir(), "ccp-relogin-udd-"));
  await mkdir(join(dir, "Default"));
  await writeFile(join(dir, "Default/Preferences"), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}
