// Scenario 23: the helpdesk when the agent's browser is closed, and when it
// waits for the outcome.
//  a. The browser is closed: `ccp-relogin relogin --launch --browser <program>`
//     finds no running host and starts the program at the profile's sign-in
//     URL, detached. The program here is a wrapper that starts this test bed's
//     Chromium (its user-data-dir, the extension, the emulator's names), as
//     an agent's desktop would start theirs. The agent lands on the CCP
//     signed in, and the extension's host comes up (`status` finds it).
//  b. The browser is open, signed in: `relogin --wait` forces a re-login and
//     answers only once it landed: "landed agents-us", exit 0.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { test } from "node:test";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { prepareTestBed } from "./harness/scenario-bed.js";
import { productConfig, profile } from "./harness/product-config.js";
import { chromiumFlags } from "./harness/browser.js";
import { CHROMIUM, HOST_BINARY } from "./harness/paths.js";
import { hostBinaryMissing } from "./harness/native-host.js";
import { formatRequestLog } from "./harness/artifacts.js";
import { assertOneSignIn, launches, startOnCustomCcp } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { ENTRA_APPS, INSTANCES, ccpUrl } from "./emulator/default-world.js";

const execFileAsync = promisify(execFile);
const HOST_MISSING = await hostBinaryMissing();

/** Runs the CLI as the helpdesk would on the agent's machine (same user, same state dir). */
async function cli(env, args, timeout = 15_000) {
  try {
    const { stdout, stderr } = await execFileAsync(HOST_BINARY, args, { env: { ...process.env, ...env }, timeout });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== "number") throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

const quote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

/**
 * The agent's "browser" for --browser: records its pid and when it started,
 * then is this bed's Chromium, its stderr kept in a log for a failure report
 * (the CLI detaches it, so nothing else would say why it did not come up).
 */
async function writeBrowserWrapper(bed) {
  const path = join(bed.userDataDir, "..", `start-browser-${process.pid}.sh`);
  const pidFile = `${path}.pid`;
  const logFile = `${path}.log`;
  const flags = [...chromiumFlags({ hostResolverRules: bed.emulator.hostResolverRules }), `--user-data-dir=${bed.userDataDir}`];
  await writeFile(path, `#!/bin/sh\necho $$ > ${quote(pidFile)}\ndate +"started %T.%N" > ${quote(logFile)}\n` +
    `exec ${quote(CHROMIUM)} ${flags.map(quote).join(" ")} "$@" 2>>${quote(logFile)}\n`);
  await chmod(path, 0o700);
  return { path, pidFile, logFile };
}

/** The launched browser's own words: whether the wrapper ran, and Chromium's stderr (its last lines). */
async function launchedBrowserLog(logFile) {
  const text = await readFile(logFile, "utf8").catch(() => "(the wrapper never ran: no log)");
  return text.split("\n").slice(-30).join("\n");
}

/** Ends the Chromium the CLI started (by its pid), and waits until it is gone. */
async function stopLaunchedBrowser(pidFile) {
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
  if (!pid) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  await waitFor(() => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, { timeoutMs: 15_000, what: `the launched Chromium (pid ${pid}) to exit` }).catch(() => process.kill(pid, "SIGKILL"));
}

test("23a browser closed: `relogin --launch` starts the browser at the sign-in, the agent lands signed in, the host comes up", {
  skip: HOST_MISSING ? `SKIPPED: ${HOST_MISSING}` : false, timeout: 90_000,
}, async () => {
  const bed = await prepareTestBed({ config: productConfig({ profiles: [profile()] }) });
  let pidFile = null;
  try {
    const wrapper = await writeBrowserWrapper(bed);
    pidFile = wrapper.pidFile;
    const launched = await cli(bed.productEnv, ["relogin", "--launch", "--profile", "agents-us", "--browser", wrapper.path]);
    assert.equal(launched.code, 0, launched.stderr);
    assert.match(launched.stdout, /no running host: launched .*start-browser-\d+\.sh at the sign-in of profile agents-us/);

    const acme = INSTANCES.acme;
    const ccp = new URL(ccpUrl(acme));
    // The CCP's heartbeat answers 200 only to a live session (emulator/services/connect.js).
    const heartbeat = (r) => r.host === ccp.host && r.path === "/emulator/ccp-heartbeat" && r.status === 200;
    try {
      await waitFor(() => bed.emulator.requests(heartbeat, { includeInternal: true }).length > 0, {
        timeoutMs: 30_000, what: () => `the launched browser to land on the CCP signed in (emulator saw:\n${formatRequestLog(bed.emulator.requests())})`,
      });
    } catch (error) {
      error.message += `\n--- the launched browser (now ${new Date().toISOString().slice(11, 23)}):\n${await launchedBrowserLog(wrapper.logFile)}`;
      throw error;
    }
    const [launch] = launches(bed.emulator, 0);
    assert.equal(launch.path, `/api/signin/${ENTRA_APPS.agents.appId}`, "the profile's Entra app was launched");
    assert.ok(launch.params.RelayState, "with the relay state the host builds");
    assert.equal(bed.emulator.requests((r) => /^\/connect\/federate\//.test(r.path) && r.outcome === "signed-in").length, 1);

    // The extension of the launched browser started its host: the helpdesk can reach it now.
    const status = await waitFor(async () => {
      const r = await cli(bed.productEnv, ["status", "--json"]);
      return r.code === 0 && JSON.parse(r.stdout);
    }, { timeoutMs: 30_000, what: "`ccp-relogin status --json` to find the launched browser's host" });
    assert.deepEqual(status.map((h) => h.profiles.map((p) => p.name)), [["agents-us"]]);
  } finally {
    if (pidFile) await stopLaunchedBrowser(pidFile);
    await bed.close();
  }
});

scenarioTest("23b browser open: `relogin --wait` forces a re-login and answers once it landed", {
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = s.emulator.elapsed();
  const waited = await cli(s.productEnv, ["relogin", "--profile", "agents-us", "--wait", "--reason", "INC-23"], 90_000);
  assert.equal(waited.code, 0, waited.stderr + waited.stdout);
  assert.match(waited.stdout, /^pid \d+: landed agents-us$/m);

  // By the time it answered, the sign-in had landed: exactly one, complete.
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
  assert.equal((await agent.frameLocator("#ccp").locator("#ccp-ready").innerText()), "CCP ready", "the agent's CCP is signed in");
});
