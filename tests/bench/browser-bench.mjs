#!/usr/bin/env node
// The browser figures of ./run bench, on the e2e harness (tests/e2e/harness/):
// the real extension and the real host in headless Debian Chromium against
// the emulator. Run under `flock /tmp/ccp-browser.lock` (./run bench does).
// Writes one JSON document (--out FILE, else stdout); tests/bench/report.mjs
// prints it. Every run gets a fresh test bed (emulator, user-data-dir,
// config, state dir, host, Chromium), as an e2e scenario does, so the
// guard's back-off and loop rule never see an earlier run.
//
//   detection  the expiry text appears in a Connect page opened as a tab
//              (https://acme.my.connect.aws/ccp-v2, text style, no Streams
//              bridge) → the `expired` reaches the host. Start: a
//              MutationObserver installed before the page's own scripts
//              (context.addInitScript) stamps performance.timeOrigin +
//              performance.now() in the microtask checkpoint right after the
//              page put the dialog in, the same checkpoint in which the
//              content script's own observer first hears of it. End: `ts` of
//              the host's audit line for that `expired` (system clock, ms;
//              stamped once the decision is made, so it includes the host's
//              decision, figure "expired latency"). Both clocks are the
//              machine's wall clock; Date.now() in the page is recorded too,
//              as a check of timeOrigin. The emulator's log of the session
//              probe (GET /auth/authorize) splits the interval in two.
//              Why not the probe alone: it is a step before the host, and
//              the request log's time is when the emulator got the request.
//   overhead   a Connect page (routed by Playwright, so the content script is
//              injected as on any *.my.connect.aws page) that makes 10,000
//              DOM mutations/s and counts fixed units of its own work in the
//              time left; one browser with the extension (and its host), one
//              without, and as an A/A control the extension's browser on a
//              page its content script does not match (intranet.example.com);
//              rounds rotate who goes first. Overhead = 1 - efficiency(with)
//              / efficiency(without), per round, median over rounds, where
//              efficiency = units per CPU second of the browser's renderer
//              main threads (the scheduler's accounting, so time spent
//              waiting for a core does not count). Units per wall second,
//              the figure an agent feels on an idle machine, is reported
//              beside it; on this shared VM it wobbles by several percent
//              per round (other processes take the cores), which hid a 2 %
//              target. One page runs at a time: run concurrently, the
//              scheduler's unfairness on 2 cores swamped the signal (tried).
//   restore    scenario 01's flow (custom CCP, expiry text in its iframe,
//              silent IdP): expiry shown → custom CCP restored, measured by
//              the harness's measureRelogin() exactly as build/e2e-report.json.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { setPriority } from "node:os";
import { startTestBed } from "../e2e/harness/scenario-bed.js";
import { productConfig, profile } from "../e2e/harness/product-config.js";
import { openAgentPage, signInAgent } from "../e2e/harness/agent.js";
import { expireNow, launches, startOnCustomCcp, waitForAgentBack } from "../e2e/harness/relogin-expectations.js";
import { measureRelogin } from "../e2e/harness/timing-report.js";
import { hostBinaryMissing } from "../e2e/harness/native-host.js";
import { waitFor } from "../e2e/harness/wait.js";
import { saveFailureArtifacts } from "../e2e/harness/artifacts.js";
import { REPO_ROOT } from "../e2e/harness/paths.js";
import { INSTANCES, ccpUrl } from "../e2e/emulator/default-world.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const DETECTION_RUNS = Number(option("--detection-runs", 7));
const RESTORE_RUNS = Number(option("--restore-runs", 7));
// Each page's work rate wobbles from second to second on this shared VM:
// run one after another for 5 s each, with vs without spread by ±3.5 % (sd)
// per round and the A/A control as much, and the medians of five runs went
// from 1.2 % to 7.9 %. Taking turns in 250 ms slices, the A/A control's
// rounds stay within about ±2 % and two runs' medians agreed within 0.1 %.
const OVERHEAD_ROUNDS = Number(option("--overhead-rounds", 10));
const OVERHEAD_MS = Number(option("--overhead-ms", 5000));
const OVERHEAD_SLICE_MS = Number(option("--overhead-slice-ms", 250));
const OVERHEAD_WARMUP_MS = 3000; // JIT, and the first seconds of a page run slower
const MUTATIONS_PER_SECOND = Number(option("--mutations-per-second", 10_000));
const BENCH_PRIORITY = -10;
const EXTRA_ATTEMPTS = 2; // a run that fails (the known e2e flake) is retried, and counted
const FLOW_TIMEOUT_MS = 10_000; // scenario 01 takes under a second: a failed run costs at most this

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const summary = (xs) => ({ n: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs });

/** The host's audit lines of a bed (its state dir), parsed. */
async function auditLines(bed) {
  const text = await readFile(join(bed.stateDir, "audit.jsonl"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

async function firstExpiredLine(bed, predicate = () => true, timeoutMs = 15_000) {
  return waitFor(async () => (await auditLines(bed)).find((l) => l.event === "expired" && predicate(l)), {
    timeoutMs, intervalMs: 10, what: "the host's audit log to record an expired",
  });
}

/**
 * Runs `fn(bed)` on fresh beds until `runs` succeeded; failures are kept and
 * counted, not hidden, with the harness's artifacts in
 * build/e2e-artifacts/bench-<label>-<attempt>/.
 */
async function repeated(label, runs, bedOptions, fn) {
  const results = [];
  const failures = [];
  for (let attempt = 0; results.length < runs && attempt < runs + EXTRA_ATTEMPTS; attempt += 1) {
    let bed = null;
    try {
      bed = await startTestBed(bedOptions);
      results.push(await fn(bed));
    } catch (error) {
      bed ??= error.bed ?? null;
      const artifacts = await saveFailureArtifacts(`bench-${label}-${attempt + 1}`, {
        ...bed, logs: bed?.logs ?? { worker: [], pages: [], browser: [] }, error,
      }).catch(() => null);
      failures.push(`${String(error.message).split("\n")[0]}${artifacts ? ` (artifacts: ${relative(REPO_ROOT, artifacts)})` : ""}`);
    } finally {
      await bed?.close();
    }
  }
  return { results, failures };
}

// ---- detection ------------------------------------------------------------

// Page world, every frame, before the page's scripts: stamp the moment the
// Connect expiry dialog is in the DOM.
const EXPIRY_STAMP = () => {
  if (!/\.(my\.connect\.aws|awsapps\.com)$/.test(location.hostname)) return;
  const observer = new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    const dateNow = Date.now();
    const dialog = document.querySelector('[role="alertdialog"]');
    if (!dialog || !/session expired/i.test(dialog.textContent)) return;
    observer.disconnect();
    window.__ccpBenchExpiryShown(at, dateNow, location.href);
  });
  observer.observe(document, { childList: true, subtree: true });
};

async function detectionRun(bed) {
  const { context, emulator } = bed;
  const marks = [];
  await context.exposeBinding("__ccpBenchExpiryShown", (_source, at, dateNow, url) => marks.push({ at, dateNow, url }));
  await context.addInitScript(EXPIRY_STAMP);
  await signInAgent(context, emulator, INSTANCES.acme);
  const tab = await openAgentPage(context, ccpUrl(INSTANCES.acme));
  await tab.locator("#ccp-ready").waitFor();
  // The content script scans the loaded page once, one batch delay after it
  // starts; an expiry inside that first batch would be found early. Waiting
  // 1 s measures the steady state: an agent's CCP open for hours.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const emulatorStartWall = Date.now() - emulator.elapsed();
  const since = expireNow(emulator);
  const line = await firstExpiredLine(bed, () => true, FLOW_TIMEOUT_MS);
  await waitFor(() => marks.length > 0, { timeoutMs: 5000, what: "the page's expiry stamp" });
  const shownAt = marks[0].at;
  const hostAt = Date.parse(line.ts);
  const probe = emulator.requests((r) => r.time >= since && r.path === "/auth/authorize")[0] ?? null;
  const probeAt = probe ? emulatorStartWall + probe.time : null;
  return {
    detectionMs: hostAt - shownAt,
    shownToProbeMs: probeAt === null ? null : probeAt - shownAt,
    probeToHostMs: probeAt === null ? null : hostAt - probeAt,
    signal: line.request?.signal ?? null,
    decision: line.decision ?? null,
    pageClockSkewMs: marks[0].dateNow - shownAt, // Date.now() vs timeOrigin + now(), same instant
    frameUrl: marks[0].url,
  };
}

// ---- content-script overhead ---------------------------------------------

const BENCH_URL = "https://acme.my.connect.aws/ccp-v2/bench-mutations";
const CONTROL_URL = "https://intranet.example.com/bench-mutations";
// A CCP-like page: a queue list that grows and shrinks and a call timer.
// runBench(ms, rate): `rate` DOM mutations/s (append a row, remove the
// oldest or change the timer text, change the timer text; each one DOM
// operation that queues a mutation record), and in every task after the
// due mutations, 2 ms of fixed work units; then it yields (MessageChannel,
// no timer clamping), so the observers' callbacks and timers run between
// tasks. Nothing on it matches an expiry or misconfiguration phrase.
const BENCH_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amazon Connect</title></head>
<body><main id="ccp-app" style="position:absolute;left:-20000px;top:0;width:800px"><h1>Contact Control Panel</h1>
<p>Call time: <span id="timer">0</span></p><ul id="queues"></ul></main><script>
window.runBench = (durationMs, rate) => new Promise((resolve) => {
  const queues = document.getElementById("queues");
  const timer = document.getElementById("timer").firstChild;
  let mutations = 0, units = 0, seq = 0, sink = 1;
  const mutate = () => {
    const step = mutations % 3;
    if (step === 0) {
      const li = document.createElement("li");
      li.textContent = "Queue " + (seq % 7) + ": " + (seq % 13) + " contacts waiting";
      queues.appendChild(li);
      seq += 1;
    } else if (step === 1 && queues.childElementCount > 100) {
      queues.firstElementChild.remove();
    } else {
      timer.data = String(seq);
    }
    mutations += 1;
  };
  const unit = () => {
    let x = sink | 1;
    for (let i = 0; i < 2000; i += 1) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
    sink = x;
  };
  const channel = new MessageChannel();
  const t0 = performance.now();
  const slice = () => {
    const now = performance.now();
    if (now - t0 >= durationMs) {
      resolve({ units, mutations, elapsedMs: now - t0, sink });
      return;
    }
    const due = Math.floor((now - t0) * rate / 1000) - mutations;
    for (let i = 0; i < due; i += 1) mutate();
    const end = performance.now() + 2;
    while (performance.now() < end) { unit(); units += 1; }
    channel.port1.postMessage(0);
  };
  channel.port2.onmessage = slice;
  slice();
});
</script></body></html>`;

async function openBenchPage(context, url) {
  const serve = (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: BENCH_HTML });
  await context.route(url, serve);
  const page = await openAgentPage(context, url);
  await context.unroute(url, serve); // nothing intercepted while measuring
  await page.waitForFunction(() => typeof window.runBench === "function");
  return page;
}

/** Pids of the renderer processes of the Chromium whose --user-data-dir is `userDataDir`. */
async function rendererPids(userDataDir) {
  const procs = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Chromium rewrites its process title: its arguments may come back
      // joined by spaces rather than NULs.
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, "utf8")).split(/[\0 ]/);
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      procs.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  const inTree = new Set(procs.filter((p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`)).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!inTree.has(p.pid) && inTree.has(p.ppid)) { inTree.add(p.pid); grew = true; }
  }
  return procs.filter((p) => inTree.has(p.pid) && p.cmdline.includes("--type=renderer")).map((p) => p.pid);
}

// Chromium sets its renderers' niceness itself (0 in front, 5 behind), so
// the `nice -n -10` ./run bench starts under does not reach the page's main
// thread, which then shares the CPU with whatever else runs (on this 2-core
// machine, other engineers' compilers): ±50 % per round, measured. Where
// allowed (root), the renderers' main threads (tid = pid: setpriority acts
// on that thread) get -10 right before each run, after Chromium set theirs.
// The content script runs on that same thread, so its share is unchanged.
async function boostRenderers(userDataDir) {
  let boosted = 0;
  for (const pid of await rendererPids(userDataDir)) {
    try {
      setPriority(pid, BENCH_PRIORITY);
      boosted += 1;
    } catch {
      // not allowed (not root), or gone
    }
  }
  return boosted;
}

/**
 * Time on a CPU (ns) of each renderer's main thread (tid = pid), from the
 * scheduler's own accounting (/proc/PID/task/PID/schedstat, first field).
 * Time the thread spent waiting for a core is not in it: that is what makes
 * units per main-thread CPU second steadier than units per wall second on a
 * shared 2-core machine.
 */
async function rendererMainThreadNs(pids) {
  const ns = new Map();
  for (const pid of pids) {
    try {
      ns.set(pid, BigInt((await readFile(`/proc/${pid}/task/${pid}/schedstat`, "utf8")).split(" ")[0]));
    } catch {
      // gone meanwhile
    }
  }
  return ns;
}

/** CPU ms the browser's renderer main threads used between two readings. */
function cpuMsBetween(before, after) {
  let ns = 0n;
  for (const [pid, end] of after) ns += end - (before.get(pid) ?? end);
  return Number(ns) / 1e6;
}

// The page measured is the visible one: a background tab is not rendered
// (and would count more units for that alone).
async function bringForward(page, userDataDir) {
  await page.bringToFront();
  const visibility = await page.evaluate(() => document.visibilityState);
  return { visibility, boosted: await boostRenderers(userDataDir) };
}

const sliceOn = (page, ms) => page.evaluate(([d, r]) => window.runBench(d, r), [ms, MUTATIONS_PER_SECOND]);

/**
 * `subject` and `without` take turns in OVERHEAD_SLICE_MS slices, OVERHEAD_MS
 * each in all: this machine's speed drifts by several percent from one
 * second to the next (measured: with no mutations at all, three pages run
 * one after another differed by up to 8 %), and turns this short see the
 * same drift. Units count inside the slices; CPU time is each browser's
 * renderer main threads over the whole phase, so work the extension defers
 * to between slices is charged to it too.
 */
async function interleaved(subject, without, round) {
  const phase = {};
  for (const side of [subject, without]) {
    phase[side.name] = { units: 0, mutations: 0, elapsedMs: 0, ...(await bringForward(side.page, side.userDataDir)) };
    side.pids = await rendererPids(side.userDataDir);
    side.before = await rendererMainThreadNs(side.pids);
  }
  const slices = Math.max(1, Math.round(OVERHEAD_MS / OVERHEAD_SLICE_MS));
  for (let i = 0; i < slices; i += 1) {
    const order = (i + round) % 2 ? [subject, without] : [without, subject];
    for (const side of order) {
      const got = await sliceOn(side.page, OVERHEAD_SLICE_MS);
      const total = phase[side.name];
      total.units += got.units;
      total.mutations += got.mutations;
      total.elapsedMs += got.elapsedMs;
    }
  }
  for (const side of [subject, without]) {
    phase[side.name].mainThreadCpuMs = cpuMsBetween(side.before, await rendererMainThreadNs(side.pids));
  }
  return phase;
}

const perWallSecond = (x) => (x.units / x.elapsedMs) * 1000;
const perCpuSecond = (x) => (x.units / x.mainThreadCpuMs) * 1000;

async function overhead() {
  const config = productConfig({ profiles: [profile()], mode: "tab" });
  let withExt = null;
  let without = null;
  try {
    withExt = await startTestBed({ config });
    without = await startTestBed({ withExtension: false, needsHost: false });
    const sides = {
      with: { name: "with", page: await openBenchPage(withExt.context, BENCH_URL), userDataDir: withExt.userDataDir },
      // The A/A control: the extension's browser, a page its content script
      // does not match. Shows the noise floor of this machine right now
      // (and any cost of the extension that is not the content script).
      control: { name: "control", page: await openBenchPage(withExt.context, CONTROL_URL), userDataDir: withExt.userDataDir },
      without: { name: "without", page: await openBenchPage(without.context, BENCH_URL), userDataDir: without.userDataDir },
    };
    for (const side of Object.values(sides)) { // JIT warm, and the content script has started
      await bringForward(side.page, side.userDataDir);
      await sliceOn(side.page, OVERHEAD_WARMUP_MS);
    }
    const rounds = [];
    for (let r = 0; r < OVERHEAD_ROUNDS; r += 1) {
      const subjects = r % 2 ? ["control", "with"] : ["with", "control"]; // rotate who goes first
      const got = {};
      for (const name of subjects) {
        const phase = await interleaved(sides[name], sides.without, r);
        got[name] = phase[name];
        got[`without/${name}`] = phase.without;
      }
      const vs = (name, measure) => 1 - measure(got[name]) / measure(got[`without/${name}`]);
      rounds.push({
        overhead: vs("with", perCpuSecond),
        controlOverhead: vs("control", perCpuSecond),
        wallOverhead: vs("with", perWallSecond),
        wallControlOverhead: vs("control", perWallSecond),
        unitsPerCpuSecondWith: perCpuSecond(got.with),
        unitsPerCpuSecondControl: perCpuSecond(got.control),
        unitsPerCpuSecondWithout: perCpuSecond(got["without/with"]),
        unitsPerSecondWith: perWallSecond(got.with),
        unitsPerSecondControl: perWallSecond(got.control),
        unitsPerSecondWithout: perWallSecond(got["without/with"]),
        mainThreadShare: Object.values(got).map((x) => x.mainThreadCpuMs / x.elapsedMs),
        mutationsPerSecond: Object.values(got).map((x) => (x.mutations / x.elapsedMs) * 1000),
        visibility: Object.values(got).map((x) => x.visibility),
        renderersBoosted: Object.values(got).map((x) => x.boosted),
      });
    }
    // Proof that the content script watched the page all along: an expiry
    // dialog now reaches the host (no session cookie here, so the probe
    // confirms it).
    await sides.with.page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", '<div role="alertdialog"><h2>Session expired</h2></div>');
    });
    const live = await firstExpiredLine(withExt, (l) => String(l.request?.frameUrl ?? "").includes("/bench-mutations"), 10_000)
      .then(() => true, () => false);
    return { rounds, contentScriptLive: live };
  } finally {
    await withExt?.close();
    await without?.close();
  }
}

// ---- restore (scenario 01) -----------------------------------------------

async function restoreRun(bed) {
  const agent = await startOnCustomCcp(bed);
  const since = expireNow(bed.emulator);
  await waitForAgentBack(bed.context, [agent], { timeoutMs: FLOW_TIMEOUT_MS });
  const logins = launches(bed.emulator, since).length;
  if (logins !== 1) throw new Error(`expected exactly one Entra launch, saw ${logins}`);
  // The page learns "signed in" by postMessage; the emulator's log (which
  // measureRelogin reads) gets the CCP's beacon by a fetch a moment later.
  let timings = null;
  await waitFor(() => (timings = measureRelogin(bed.emulator, since)).totalMs !== null, {
    timeoutMs: 5000, intervalMs: 10, what: () => `the restored CCP's beacon in the emulator's log (${JSON.stringify(timings)})`,
  });
  const line = await firstExpiredLine(bed, () => true, 1000).catch(() => null);
  return { ...timings, firstSignal: line?.request?.signal ?? null };
}

async function main() {
  const missing = await hostBinaryMissing();
  if (missing) throw new Error(missing);
  const started = Date.now();
  const out = { detection: null, overhead: null, restore: null };

  const detection = await repeated("detection", DETECTION_RUNS, {
    emulator: { expiry: { style: "text" } },
    config: productConfig({ profiles: [profile()], mode: "tab" }),
  }, detectionRun);
  out.detection = {
    what: "expiry text in a Connect tab → expired in the host's audit log (ms)",
    detectionMs: summary(detection.results.map((r) => r.detectionMs)),
    shownToProbeMs: summary(detection.results.map((r) => r.shownToProbeMs).filter((x) => x !== null)),
    probeToHostMs: summary(detection.results.map((r) => r.probeToHostMs).filter((x) => x !== null)),
    runs: detection.results,
    failures: detection.failures,
  };

  const o = await overhead().catch((error) => ({ error }));
  out.overhead = o.error ? { error: String(o.error.message).split("\n")[0] } : {
    what: `units of page work per renderer main-thread CPU second at ${MUTATIONS_PER_SECOND} DOM mutations/s, with vs without the extension`,
    overhead: summary(o.rounds.map((r) => r.overhead)),
    controlOverhead: summary(o.rounds.map((r) => r.controlOverhead)),
    wallOverhead: summary(o.rounds.map((r) => r.wallOverhead)),
    wallControlOverhead: summary(o.rounds.map((r) => r.wallControlOverhead)),
    mainThreadShare: summary(o.rounds.flatMap((r) => r.mainThreadShare)),
    unitsPerCpuSecondWith: summary(o.rounds.map((r) => r.unitsPerCpuSecondWith)),
    unitsPerCpuSecondWithout: summary(o.rounds.map((r) => r.unitsPerCpuSecondWithout)),
    unitsPerCpuSecondControl: summary(o.rounds.map((r) => r.unitsPerCpuSecondControl)),
    unitsPerSecondWith: summary(o.rounds.map((r) => r.unitsPerSecondWith)),
    unitsPerSecondControl: summary(o.rounds.map((r) => r.unitsPerSecondControl)),
    unitsPerSecondWithout: summary(o.rounds.map((r) => r.unitsPerSecondWithout)),
    mutationsPerSecond: summary(o.rounds.flatMap((r) => r.mutationsPerSecond)),
    roundMs: OVERHEAD_MS,
    sliceMs: OVERHEAD_SLICE_MS,
    contentScriptLive: o.contentScriptLive,
    allVisible: o.rounds.every((r) => r.visibility.every((v) => v === "visible")),
    renderersBoosted: o.rounds.every((r) => r.renderersBoosted.every((n) => n > 0)),
    rounds: o.rounds,
  };

  const restore = await repeated("restore", RESTORE_RUNS, {
    emulator: { expiry: { style: "text" }, ccp: { chatTranscript: "Customer: my session expired yesterday, can you help?" } },
    config: productConfig({ profiles: [profile()], mode: "tab" }),
  }, restoreRun);
  out.restore = {
    what: "scenario 01: expiry shown → custom CCP restored (ms, emulator clock, as build/e2e-report.json)",
    totalMs: summary(restore.results.map((r) => r.totalMs)),
    expiryToSignInMs: summary(restore.results.map((r) => r.expiryToSignInMs)),
    landedToRestoredMs: summary(restore.results.map((r) => r.landedToRestoredMs)),
    runs: restore.results,
    failures: restore.failures,
  };
  out.elapsedMs = Date.now() - started;

  const json = `${JSON.stringify(out, null, 2)}\n`;
  const path = option("--out", null);
  if (path) await writeFile(path, json);
  else process.stdout.write(json);
}

main().catch((error) => {
  console.error(`browser-bench: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
