// Timings of a re-login, read from the emulator's request log (the CCP
// beacons its state to the emulator, so no browser clock is involved), and
// the report build/e2e-report.json they go to. Reported, never asserted.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { TIMING_REPORT } from "./paths.js";

const LAUNCH_HOSTS = new Set(["launcher.myapps.microsoft.com", "myapps.microsoft.com"]);

/**
 * @param emulator  a started emulator
 * @param {number} since  emulator time (ms) when the session was ended
 * @returns {{expiryShownMs, signInOpenedMs, landedMs, restoredMs,
 *            expiryToSignInMs, landedToRestoredMs, totalMs}} absent steps are null
 */
export function measureRelogin(emulator, since) {
  const log = emulator.requests((r) => r.time >= since, { includeInternal: true });
  const beacon = (state, embedded) => (r) =>
    r.path.endsWith("/emulator/ccp-state") && r.params.state === state && r.params.embedded === embedded;
  const at = (predicate, after = since) => log.find((r) => r.time >= after && predicate(r))?.time ?? null;

  const expiryShownMs = at((r) => beacon("signed-out", "1")(r) || beacon("signed-out", "0")(r));
  const signInOpenedMs = at((r) => LAUNCH_HOSTS.has(r.host));
  const handoff = at((r) => r.path.endsWith("/auth/emulator-session"));
  // Landed: the first Connect page served signed in after the session hand-off.
  const landedMs = handoff === null ? null : at((r) => r.fetchDest === "document" && r.status === 200 &&
    (r.host.endsWith(".my.connect.aws") || r.host.endsWith(".awsapps.com")), handoff);
  const restoredMs = landedMs === null ? null : at(beacon("signed-in", "1"), landedMs);
  const diff = (a, b) => (a === null || b === null ? null : b - a);
  return {
    expiryShownMs, signInOpenedMs, landedMs, restoredMs,
    expiryToSignInMs: diff(expiryShownMs, signInOpenedMs),
    landedToRestoredMs: diff(landedMs, restoredMs),
    totalMs: diff(expiryShownMs, restoredMs),
  };
}

/** Merges one scenario's timings into build/e2e-report.json (tests run one at a time). */
export async function reportTimings(scenarioName, timings) {
  let report = { scenarios: {} };
  try {
    report = JSON.parse(await readFile(TIMING_REPORT, "utf8"));
  } catch {
    // first scenario of this checkout, or an unreadable report: start afresh
  }
  report.note = "ms on the emulator's clock; expiry shown → sign-in URL opened, landed → custom CCP restored, total. Reported, not asserted.";
  report.scenarios = { ...report.scenarios, [scenarioName]: { ...timings, measuredAt: new Date().toISOString() } };
  await mkdir(dirname(TIMING_REPORT), { recursive: true });
  await writeFile(TIMING_REPORT, `${JSON.stringify(report, null, 2)}\n`);
}
