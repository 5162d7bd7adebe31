// Starts Debian's Chromium without Playwright: the product's flags
// (harness/browser.js), the test bed's user-data-dir and environment, a
// start URL on the command line, and optionally --remote-debugging-pipe.
// Without the pipe no debugger can attach at all, as in an agent's browser.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chromiumFlags } from "../../harness/browser.js";
import { CHROMIUM } from "../../harness/paths.js";
import { createPipeClient } from "./cdp-pipe.js";

const STDERR_LINES_KEPT = 200;
const EXIT_GRACE_MS = 10_000;

/**
 * @param {{bed: object, startUrl: string, pipe: boolean, extraFlags?: string[]}} options
 *   bed: from harness prepareTestBed; extraFlags go before the product's (a later duplicate wins)
 * @returns {{cdp: object|null, stderr: string[], close: () => Promise<void>}}
 */
export function launchRawChromium({ bed, startUrl, pipe, extraFlags = [] }) {
  const args = [
    ...extraFlags,
    ...chromiumFlags({ hostResolverRules: bed.emulator.hostResolverRules, withExtension: true }),
    `--user-data-dir=${bed.userDataDir}`,
    "--window-size=1100,760",
    ...(pipe ? ["--remote-debugging-pipe"] : []),
    startUrl,
  ];
  const child = spawn(CHROMIUM, args, {
    env: { ...process.env, ...bed.productEnv },
    stdio: pipe ? ["ignore", "ignore", "pipe", "pipe", "pipe"] : ["ignore", "ignore", "pipe"],
  });
  const stderr = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text) => {
    stderr.push(...text.split("\n").filter(Boolean));
    stderr.splice(0, Math.max(0, stderr.length - STDERR_LINES_KEPT));
  });
  const exited = once(child, "exit");
  const cdp = pipe ? createPipeClient(child.stdio[3], child.stdio[4]) : null;

  async function close() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (cdp) await cdp.send("Browser.close").catch(() => {});
    else child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), EXIT_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  return { cdp, stderr, pid: child.pid, close };
}
