// One end-to-end scenario = one node:test test on its own test bed (emulator,
// user-data-dir, config, installed host, Chromium), torn down afterwards
// whatever happens. On failure it saves artifacts and puts the emulator's
// request log and the extension worker's console into the error, so a CI log
// alone says what went wrong.
//
//   scenarioTest("name", { emulator: {...knobs}, config: productConfig(...) }, async (s) => {
//     s.emulator, s.context, s.worker, s.logs
//   });
import { test } from "node:test";
import { saveFailureArtifacts, formatRequestLog } from "./artifacts.js";
import { managedPolicyUnavailable } from "./managed-policy.js";
import { hostBinaryMissing } from "./native-host.js";
import { startTestBed } from "./scenario-bed.js";

const HOST_MISSING = await hostBinaryMissing();

// No retries: a scenario that fails once has failed. The one flake the suite
// had (a sign-in tab that stalls under Playwright) is measured and explained
// in tests/e2e/README.md, "A sign-in tab that stalls", and the product
// recovers from it by itself.
const CLEANUP_GRACE_MS = 30_000;

/**
 * Skipped, with the reason, only when the scenario needs the host and
 * build/host/ccp-relogin is missing; a present binary always runs.
 * @param {string} name
 * @param {{emulator?: object, config?: object, thirdPartyCookies?: "allowed"|"blocked",
 *          browserPolicy?: object, withExtension?: boolean, needsHost?: boolean, timeoutMs?: number}} options
 *   browserPolicy: skipped, with the reason, where the managed policy can't be written.
 *   skip: a reason to skip (something the scenario needs is missing here), or null.
 *   beforeStart: checked before the test bed starts (a display the browser needs answers…).
 * @param {(s: object) => Promise<void>} body
 */
export function scenarioTest(name, options, body) {
  const needsHost = options.needsHost ?? true;
  const policyMissing = options.browserPolicy || options.forceInstall ? managedPolicyUnavailable() : null;
  const skip = needsHost && HOST_MISSING ? `SKIPPED: ${HOST_MISSING}`
    : policyMissing ? `SKIPPED: ${policyMissing}`
    : options.skip ? `SKIPPED: ${options.skip}` : false;
  const timeoutMs = options.timeoutMs ?? 60_000;
  test(name, { skip, timeout: timeoutMs + CLEANUP_GRACE_MS }, () => runScenario(name, { ...options, needsHost, timeoutMs }, body));
}

async function runScenario(name, options, body) {
  let bed = null;
  try {
    await withDeadline(options.timeoutMs, name, async () => {
      await options.beforeStart?.();
      try {
        bed = await startTestBed(options);
      } catch (error) {
        bed = error.bed ?? null;
        throw error;
      }
      await body(bed);
    });
  } catch (error) {
    const logs = bed?.logs ?? { worker: [], pages: [], browser: [] };
    const dir = await saveFailureArtifacts(name, { ...bed, logs, error }).catch((e) => `(could not save artifacts: ${e.message})`);
    error.message += `\n--- artifacts: ${dir}` +
      `\n--- emulator saw:\n${bed?.emulator ? formatRequestLog(bed.emulator.requests()) : "(no emulator)"}` +
      `\n--- extension worker console (last 40 lines):\n${logs.worker.slice(-40).join("\n") || "(nothing)"}`;
    throw error;
  } finally {
    await bed?.close();
  }
}

/** Runs `fn`; if it hasn't finished by `ms`, rejects so cleanup still runs before node's own test timeout. */
async function withDeadline(ms, name, fn) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scenario "${name}" did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
