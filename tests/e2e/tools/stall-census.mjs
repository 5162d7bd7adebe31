#!/usr/bin/env node
// The stall census (issue 12, "A stalling sign-in tab"): how often the
// sign-in tab stalls on Entra's auto-posting SAML page, per way of running
// the browser (census/browser-modes.js: no debugger at all, a debugging pipe
// that attaches to nothing, the pipe attaching as Playwright does, and
// Playwright itself), with the outcome read from the emulator's request log
// alone (census/sign-in-outcome.js). Modes take turns browser by browser, so
// they share the machine's load. Every browser is a fresh test bed
// (harness/scenario-bed.js); its first sign-in comes from the start URL (a
// custom CCP whose Connect frame has no session), the next ones from the
// helpdesk (`ccp-relogin relogin`), two profiles in turn so the guard's
// attempt limit is never what paces them. A browser whose sign-in stalled
// and did not recover is replaced.
//
//   flock /tmp/ccp-browser.lock node tests/e2e/tools/stall-census.mjs \
//     --modes none,playwright --browsers 10 --sign-ins 12 --log build/stall-census.jsonl
//
// One JSON line per sign-in is appended to --log, and the summary printed
// covers every line of that file, so a census can run in chunks.
import { execFile } from "node:child_process";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { prepareTestBed } from "../harness/scenario-bed.js";
import { CUSTOM_CCP_URL, productConfig, profile } from "../harness/product-config.js";
import { HOST_BINARY, REPO_ROOT } from "../harness/paths.js";
import { ENTRA_APPS } from "../emulator/default-world.js";
import { MODES, startBrowser } from "./census/browser-modes.js";
import { judgeSignIn } from "./census/sign-in-outcome.js";

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const modes = option("--modes", "none,playwright").split(",");
const BROWSERS = Number(option("--browsers", 4));
const SIGN_INS = Number(option("--sign-ins", 12)); // per browser
const RESUME_DELAY_MS = Number(option("--resume-delay-ms", 0)); // pipe-attach and pipe-init
const PAGE_INIT = option("--page-init", null)?.split(",") ?? null; // pipe-init: only these of Playwright's commands
const LOG = resolve(option("--log", `${REPO_ROOT}/build/stall-census.jsonl`));
for (const mode of modes) if (!MODES.includes(mode)) throw new Error(`--modes: ${mode} is not one of ${MODES}`);

const PROFILES = ["agents-us", "admins-us"];
// guard.maxAttempts per profile in guard.windowSeconds, the widest the
// configuration allows (docs/configuration.md): one start per profile every
// PER_PROFILE_SPACING_MS stays under it.
const GUARD = { maxAttempts: 20, windowSeconds: 60, postLoginSeconds: 5 };
const PER_PROFILE_SPACING_MS = 3_200;
const SETTLE_MS = 500; // after landing: the helper tab closes, the CCP frame reloads
const RECOVERY_WINDOW_MS = 40_000; // how long a stalled sign-in is given to land after all
const NO_LAUNCH_AFTER_MS = 20_000;
const BROWSER_LOG_LINES = 15; // of Chromium's stderr, kept with a stall

const bedOptions = {
  config: productConfig({
    profiles: [profile(), profile({ name: "admins-us", app: ENTRA_APPS.admins })],
    guard: GUARD,
  }),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function helpdeskRelogin(bed, profileName, n) {
  await run(HOST_BINARY, ["relogin", "--profile", profileName, "--reason", `stall census ${n}`], {
    env: { ...process.env, ...bed.productEnv }, timeout: 15_000,
  });
}

/** Waits for the sign-in started at emulator time `since` to land, or to stall for good. */
async function outcome(emulator, since, onStall) {
  for (let diagnosed = false; ;) {
    const now = emulator.elapsed();
    const verdict = judgeSignIn(emulator.requests(), { since, now, noLaunchAfterMs: NO_LAUNCH_AFTER_MS });
    if (verdict.state === "stalled" && !diagnosed) {
      diagnosed = true;
      await onStall();
    }
    if (verdict.state === "landed" || verdict.state === "no-launch") return verdict;
    if (verdict.state === "stalled" && now - since >= RECOVERY_WINDOW_MS) return verdict;
    await sleep(100);
  }
}

/** The product's own account of the stalls it recovered from: the host's sign-in-stalled audit lines. */
async function stallReports(bed) {
  const text = await readFile(join(bed.stateDir, "audit.jsonl"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.event === "sign-in-stalled").map((l) => l.request);
}

async function censusBrowser(mode, browserNo) {
  const bed = await prepareTestBed(bedOptions);
  const lines = [];
  const started = new Map(); // profile → wall time of its last start
  try {
    const browser = await startBrowser(mode, {
      bed, startUrl: CUSTOM_CCP_URL, resumeDelayMs: RESUME_DELAY_MS, pageInitMethods: PAGE_INIT,
    });
    bed.cleanups.push(browser.close);
    for (let n = 0; n < SIGN_INS; n += 1) {
      const profileName = PROFILES[n % PROFILES.length];
      const wait = (started.get(profileName) ?? 0) + PER_PROFILE_SPACING_MS - Date.now();
      if (wait > 0) await sleep(wait);
      const since = bed.emulator.elapsed();
      started.set(profileName, Date.now());
      if (n > 0) await helpdeskRelogin(bed, profileName, n); // the first: the start URL's expired frame
      const reportsBefore = (await stallReports(bed)).length;
      let diagnosis;
      const verdict = await outcome(bed.emulator, since, async () => {
        const tabs = await browser.diagnose?.().catch((e) => `diagnosis failed: ${e.message}`);
        diagnosis = { ...(tabs ? { tabs } : {}), browserLog: bed.logs.browser.slice(-BROWSER_LOG_LINES) };
      });
      const line = { mode, browser: browserNo, signIn: n, profile: n > 0 ? profileName : "agents-us", ...verdict };
      if (diagnosis) line.diagnosis = diagnosis;
      const reports = (await stallReports(bed)).slice(reportsBefore);
      if (reports.length) line.stallReports = reports.map(({ url, quietMs }) => ({ url, quietMs }));
      if (mode.startsWith("pipe-")) line.resumeDelayMs = RESUME_DELAY_MS;
      if (mode === "pipe-init" && PAGE_INIT) line.pageInit = PAGE_INIT;
      lines.push(line);
      console.log(JSON.stringify(line));
      if (verdict.state !== "landed") break; // this browser's flow is stuck: a fresh bed
      await sleep(SETTLE_MS);
    }
  } finally {
    await bed.close();
  }
  return lines;
}

function summarize(lines) {
  const byMode = new Map();
  for (const l of lines) {
    const only = l.pageInit ? `, only ${l.pageInit.join(" + ")}` : "";
    const key = ["pipe-attach", "pipe-init"].includes(l.mode) ? `${l.mode} (resume after ${l.resumeDelayMs} ms${only})` : l.mode;
    const row = byMode.get(key) ?? { signIns: 0, landed: 0, stalled: 0, recovered: 0, noLaunch: 0 };
    row.signIns += 1;
    if (l.state === "landed") row.landed += 1;
    if (l.stalls > 0) row.stalled += 1;
    if (l.recovered) row.recovered += 1;
    if (l.state === "no-launch") row.noLaunch += 1;
    byMode.set(key, row);
  }
  console.log("\n| mode | sign-ins | landed | stalled on the SAML page | of those recovered | no launch |");
  console.log("|:--|--:|--:|--:|--:|--:|");
  for (const [mode, r] of byMode) console.log(`| ${mode} | ${r.signIns} | ${r.landed} | ${r.stalled} | ${r.recovered} | ${r.noLaunch} |`);
}

await mkdir(dirname(LOG), { recursive: true });
for (let b = 0; b < BROWSERS; b += 1) {
  const mode = modes[b % modes.length];
  try {
    const lines = await censusBrowser(mode, b);
    if (lines.length) await appendFile(LOG, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  } catch (error) {
    console.error(`browser ${b} (${mode}) failed: ${error.stack ?? error}`);
  }
}
const all = (await readFile(LOG, "utf8").catch(() => "")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
summarize(all);
