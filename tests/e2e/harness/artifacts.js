// What a failed scenario leaves behind in build/e2e-artifacts/<scenario>/:
// a screenshot of every open page, the emulator's request log, the console of
// the extension's service worker and pages, Chromium's own log and the host's
// state dir (its audit log says what it decided).
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ARTIFACTS_DIR } from "./paths.js";

export function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
}

/** Formats the request log one line a request, the way the failure reports quote it. */
export function formatRequestLog(requests) {
  return requests.map((r) =>
    `${String(r.time).padStart(6)}ms ${r.method.padEnd(4)} https://${r.host}${r.path}${r.query ? `?${r.query}` : ""}` +
    ` → ${r.refused ? "REFUSED" : r.status ?? "…"}${r.fetchDest ? ` [${r.fetchDest}]` : ""}${r.outcome ? ` (${r.outcome})` : ""}`,
  ).join("\n");
}

/**
 * @param {string} name  scenario name
 * @param {{context?, emulator?, logs: {worker: string[], pages: string[], browser: string[]}, stateDir?, configPath?, error}} what
 * @returns {Promise<string>} the directory written
 */
export async function saveFailureArtifacts(name, { context, emulator, logs, stateDir, configPath, error }) {
  const dir = join(ARTIFACTS_DIR, slug(name));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const writes = [writeFile(join(dir, "error.txt"), `${error?.stack ?? error}\n`)];
  if (emulator) {
    const all = emulator.requests({}, { includeInternal: true });
    writes.push(writeFile(join(dir, "requests.log"), `${formatRequestLog(all.filter((r) => !r.internal))}\n`));
    writes.push(writeFile(join(dir, "requests-all.json"), JSON.stringify(all, null, 2)));
  }
  writes.push(writeFile(join(dir, "extension-worker.log"), logs.worker.join("\n")));
  writes.push(writeFile(join(dir, "pages-console.log"), logs.pages.join("\n")));
  writes.push(writeFile(join(dir, "browser.log"), logs.browser.join("\n")));
  if (stateDir) writes.push(cp(stateDir, join(dir, "host-state"), { recursive: true }).catch(() => {}));
  if (configPath) writes.push(cp(configPath, join(dir, "config.json")).catch(() => {}));
  for (const [i, page] of (context?.pages() ?? []).entries()) {
    writes.push(page.screenshot({ path: join(dir, `page-${i}.png`), timeout: 5000 }).catch(() => {}));
    writes.push(writeFile(join(dir, `page-${i}.url`), `${page.url()}\n`));
  }
  await Promise.all(writes);
  return dir;
}
