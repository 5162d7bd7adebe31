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

// One retry per scenario, on a fresh test bed (CCP_RELOGIN_E2E_RETRIES=0 to
// see every flake). Why: Playwright pauses every new tab until it has
// attached to it (Runtime.runIfWaitingForDebugger, microsoft/playwright#11027).
// Now and then (a few percent of runs of scenario 13 on this 2-core machine) the
// sign-in tab the extension opens and navigates at once stays paused for
// good: the emulator served Entra's auto-posting page, the tab never ran its
// script, Playwright never reported a navigation in it, and the extension
// logged nothing wrong. No agent's browser runs under Playwright; the proper
// fix (a harness that resumes such tabs, or proof that it is not the harness)
// is left open in tests/e2e/README.md.
const RETRIES = Number.parseInt(process.env.CCP_RELOGIN_E2E_RETRIES ?? "1", 10) || 0;
const CLEANUP_GRACE_MS = 30_000;

/**
 * Skipped, with the reason, only when the scenario needs the host and
 * build/host/ccp-relogin is missing; a present binary always runs.
 * @param {string} name
 * @param {{emulator?: object, config?: object, thirdPartyCookies?: "allowed"|"blocked",
 *          browserPolicy?: object, withExtension?: boolean, needsHost?: boolean, timeoutMs?: number}} options
 *   browserPolicy: skipped, with the reason, where the managed policy can't be written.
 * @param {(s: object) => Promise<void>} body
 */
export function scenarioTest(name, options, body) {
  const needsHost = options.needsHost ?? true;
  const policyMissing = options.browserPolicy ? managedPolicyUnavailable() : null;
  const skip = needsHost && HOST_MISSING ? `SKIPPED: ${HOST_MISSING}` : policyMissing ? `SKIPPED: ${policyMissing}` : false;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const attempts = 1 + RETRIES;
  test(name, { skip, timeout: attempts * (timeoutMs + CLEANUP_GRACE_MS) }, async (t) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await runScenario(name, { ...options, needsHost, timeoutMs }, body);
      } catch (error) {
        if (attempt >= attempts) throw error;
        // Loud, so a flake is seen and a real regression (which fails every time) still fails.
        t.diagnostic(`attempt ${attempt} failed, retried on a fresh test bed: ${error.message.split("\n")[0]}`);
        console.error(`[e2e] "${name}": attempt ${attempt} failed, retrying on a fresh test bed:\n${error.message}\n`);
      }
    }
  });
}

async function runScenario(name, options, body) {
  let bed = null;
  try {
    await withDeadline(options.timeoutMs, name, async () => {
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
