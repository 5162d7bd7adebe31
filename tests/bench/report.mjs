// The one table of ./run bench, and build-bench/bench.json with every figure.
//
//   node tests/bench/report.mjs --micro M.json --process P.json --browser B.json --out build-bench/bench.json
//
// Inputs (any may be missing; its rows then say "not measured"):
//   --micro    Google Benchmark's JSON of build-bench/tests/host_bench: each
//              "<Name>" against "<Name>Baseline" from the same run.
//   --process  build/tests/host_process_bench (tests/bench/host_process_bench.cpp):
//              the real binary over pipes vs the C floor (tests/bench/c_floor.c).
//   --browser  tests/bench/browser-bench.mjs: detection, content-script
//              overhead and restore in headless Chromium.
//
// "ratio" is always cost ÷ the baseline's cost, measured in the same
// invocation: time ÷ time, memory ÷ memory, and for rates the baseline's
// rate ÷ ours. 1.00x = as cheap as the baseline; 9.0x = nine times the cost.
// Ratios survive a slower or busier machine; absolute figures don't (the
// targets from the issue are absolute where the issue says so).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { cpus, loadavg } from "node:os";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : null;
};
const load = (name) => {
  const path = option(name);
  if (!path) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
};
const micro = load("--micro");
const proc = load("--process");
const browser = load("--browser");
const outPath = option("--out");

const MiB = 1024;
const fmt = {
  ms: (v) => `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ms`,
  us: (v) => `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} µs`,
  ns: (v) => `${v.toFixed(0)} ns`,
  mib: (v) => `${v.toFixed(1)} MiB`,
  rate: (v) => `${Math.round(v).toLocaleString("en-US")}/s`,
  pct: (v) => `${(v * 100).toFixed(1)} %`,
  count: (v) => `${Math.round(v).toLocaleString("en-US")}`,
};

/** @type {Array<object>} */
const figures = [];

/**
 * One row. `target`: {text, pass(value, ratio)} or null. Missing value → "not measured".
 */
function row(id, label, value, unit, { baseline = null, ratio = null, target = null, note = null } = {}) {
  const measured = value !== null && value !== undefined && Number.isFinite(value);
  const result = !target ? "-" : !measured ? "n/a" : target.pass(value, ratio) ? "PASS" : "MISS";
  figures.push({
    id, figure: label, value: measured ? value : null, unit,
    baseline: baseline && Number.isFinite(baseline.value) ? baseline : baseline ? { ...baseline, value: null } : null,
    ratio: measured && Number.isFinite(ratio) ? ratio : null,
    target: target ? target.text : null, result, note,
  });
}

// ---- process figures --------------------------------------------------------

const cold = proc?.cold;
const port = proc?.port;
const us2ms = (v) => (v === undefined || v === null ? null : v / 1000);

{
  const h = cold?.host?.roundTrip;
  const f = cold?.floor?.roundTrip;
  const target = { text: "≤ 1.5x C floor", pass: (_v, r) => r <= 1.5 };
  const note = cold ? `${cold.runs} runs each, interleaved; host answered welcome ${cold.host.replies?.welcome ?? 0}×, failures ${cold.host.failures}` : null;
  row("cold.median", "cold round trip (start + hello/welcome), median", us2ms(h?.medianUs), "ms",
    { baseline: { what: "C floor", value: us2ms(f?.medianUs), unit: "ms" }, ratio: h && f ? h.medianUs / f.medianUs : null, target, note });
  row("cold.p95", "cold round trip, p95", us2ms(h?.p95Us), "ms",
    { baseline: { what: "C floor", value: us2ms(f?.p95Us), unit: "ms" }, ratio: h && f ? h.p95Us / f.p95Us : null, target });
}
{
  const target = { text: "≤ 8 MiB", pass: (v) => v <= 8 };
  const h = cold?.host?.vmHwmKib?.max;
  const f = cold?.floor?.vmHwmKib?.max;
  row("rss.cold", "peak RSS, one-shot host (VmHWM, max of runs)", h ? h / MiB : null, "MiB",
    { baseline: { what: "C floor", value: f ? f / MiB : null, unit: "MiB" }, ratio: h && f ? h / f : null, target });
  const hp = port?.host?.vmHwmKib?.max;
  const fp = port?.floor?.vmHwmKib?.max;
  const m = port?.messages;
  row("rss.port", `peak RSS, long-lived port (after ${m ? m.statusPingPong + m.statusPipelined : "N"} status + ${m ? m.expiredPingPong + m.expiredPipelined : "N"} expired)`,
    hp ? hp / MiB : null, "MiB",
    { baseline: { what: "C floor --loop", value: fp ? fp / MiB : null, unit: "MiB" }, ratio: hp && fp ? hp / fp : null, target });
}
{
  const h = port?.host?.status;
  const f = port?.floor?.echo;
  const hr = h?.pipelinedPerSecond?.median;
  const fr = f?.pipelinedPerSecond?.median;
  row("port.status.rate", "status messages/s, one port (pipelined)", hr, "/s",
    { baseline: { what: "C floor echo", value: fr, unit: "/s" }, ratio: hr && fr ? fr / hr : null,
      target: { text: "≥ 100,000/s", pass: (v) => v >= 100_000 },
      note: port ? `median of ${port.rounds} rounds of ${port.messages.statusPipelined}` : null });
  row("port.status.median", "status latency, ping-pong, median", h?.latency?.medianUs, "µs",
    { baseline: { what: "C floor echo", value: f?.latency?.medianUs, unit: "µs" }, ratio: h && f ? h.latency.medianUs / f.latency.medianUs : null });
  row("port.status.p95", "status latency, ping-pong, p95", h?.latency?.p95Us, "µs",
    { baseline: { what: "C floor echo", value: f?.latency?.p95Us, unit: "µs" }, ratio: h && f ? h.latency.p95Us / f.latency.p95Us : null });
}
{
  const h = port?.host?.expired;
  const f = port?.floor?.guardUpdate;
  const hr = h?.pipelinedPerSecond?.median;
  const fr = f?.pipelinedPerSecond?.median;
  const decisions = h ? Object.entries(h.replies).map(([k, v]) => `${k} ${v}`).join(", ") : "";
  row("port.expired.rate", "expired decisions/s, one port (pipelined)", hr, "/s",
    { baseline: { what: "C guard-update floor", value: fr, unit: "/s" }, ratio: hr && fr ? fr / hr : null,
      target: { text: "≥ 2,000/s", pass: (v) => v >= 2000 },
      note: port ? `median of ${port.rounds} rounds of ${port.messages.expiredPipelined}; replies: ${decisions}` : null });
  row("port.expired.median", "expired latency, ping-pong, median", us2ms(h?.latency?.medianUs), "ms",
    { baseline: { what: "C guard-update floor", value: us2ms(f?.latency?.medianUs), unit: "ms" }, ratio: h && f ? h.latency.medianUs / f.latency.medianUs : null });
  row("port.expired.p95", "expired latency, ping-pong, p95", us2ms(h?.latency?.p95Us), "ms",
    { baseline: { what: "C guard-update floor", value: us2ms(f?.latency?.p95Us), unit: "ms" }, ratio: h && f ? h.latency.p95Us / f.latency.p95Us : null });
}

// ---- browser figures --------------------------------------------------------

{
  const d = browser?.detection?.detectionMs?.n ? browser.detection : null;
  const signals = d ? [...new Set(d.runs.map((r) => r.signal))].join(",") : "";
  row("browser.detection", "detection: expiry text in a Connect page → expired at host, median", d?.detectionMs?.median, "ms",
    { target: { text: "≤ 50 ms", pass: (v) => v <= 50 },
      note: d ? `${d.detectionMs.n} runs (${d.failures.length} failed), min ${d.detectionMs.min?.toFixed(0)} max ${d.detectionMs.max?.toFixed(0)} ms; ` +
        `text → session probe ${d.shownToProbeMs.median?.toFixed(0)} ms, probe → host ${d.probeToHostMs.median?.toFixed(0)} ms; signal ${signals}`
        : browser?.detection?.failures?.[0] ?? null });
}
{
  const o = browser?.overhead?.overhead ? browser.overhead : null;
  const w = o?.unitsPerCpuSecondWith?.median;
  const wo = o?.unitsPerCpuSecondWithout?.median;
  const spread = (x) => `per round min ${fmt.pct(x.min)} max ${fmt.pct(x.max)}`;
  row("browser.overhead", "content-script main-thread overhead at 10,000 mutations/s, median", o?.overhead?.median, "fraction",
    { baseline: { what: "no extension", value: wo, unit: "units/CPU s" }, ratio: w && wo ? wo / w : null,
      target: { text: "≤ 2 %", pass: (v) => v <= 0.02 },
      note: o ? `${o.overhead.n} rounds, each page ${o.roundMs} ms in ${o.sliceMs} ms turns with the page without the extension; ` +
        `units per renderer main-thread CPU second, ${spread(o.overhead)}; per wall second ${fmt.pct(o.wallOverhead.median)} (${spread(o.wallOverhead)}); ` +
        `achieved ${fmt.count(o.mutationsPerSecond.median)} mutations/s; content script live: ${o.contentScriptLive ? "yes" : "NO"}; every page visible: ${o.allVisible ? "yes" : "NO"}; renderer main threads at nice -10: ${o.renderersBoosted ? "yes" : "no"}` : browser?.overhead?.error ?? null });
  row("browser.overhead.control", "  A/A control: extension loaded, page it does not match", o?.controlOverhead?.median, "fraction",
    { baseline: { what: "no extension", value: wo, unit: "units/CPU s" },
      ratio: o ? wo / o.unitsPerCpuSecondControl.median : null,
      note: o ? `the noise floor now: ${spread(o.controlOverhead)}; per wall second ${fmt.pct(o.wallControlOverhead.median)}` : null });
}
{
  const r = browser?.restore?.totalMs?.n ? browser.restore : null;
  const signals = r ? [...new Set(r.runs.map((x) => x.firstSignal))].join(",") : "";
  row("browser.restore", "restore: expiry shown → custom CCP restored (scenario 01), median", r?.totalMs?.median, "ms",
    { target: { text: "≤ 1.0 s", pass: (v) => v <= 1000 },
      note: r ? `${r.totalMs.n} runs (${r.failures.length} failed), min ${r.totalMs.min} max ${r.totalMs.max} ms; ` +
        `expiry → sign-in opened ${r.expiryToSignInMs.median} ms, landed → restored ${r.landedToRestoredMs.median} ms; first signal ${signals}`
        : browser?.restore?.failures?.[0] ?? null });
}

// ---- micro-benchmarks ---------------------------------------------------------

{
  const benchmarks = micro?.benchmarks ?? [];
  const byName = new Map(benchmarks.map((b) => [b.name, b]));
  for (const b of benchmarks) {
    if (b.name.endsWith("Baseline")) continue;
    const base = byName.get(`${b.name}Baseline`);
    row(`micro.${b.name}`, `micro: ${b.name} (CPU time/op)`, b.cpu_time, "ns",
      { baseline: base ? { what: `${b.name}Baseline`, value: base.cpu_time, unit: "ns" } : null, ratio: base ? b.cpu_time / base.cpu_time : null });
  }
  if (!micro) row("micro", "micro-benchmarks (build-bench/tests/host_bench)", null, "ns");
}

// ---- print ---------------------------------------------------------------------

const show = (value, unit) => {
  if (value === null || value === undefined) return "not measured";
  if (unit === "fraction") return fmt.pct(value);
  if (unit === "/s") return fmt.rate(value);
  if (unit === "units/s") return `${fmt.rate(value)} units`;
  if (unit === "units/CPU s") return `${fmt.count(value)} units/CPU s`;
  if (unit === "MiB") return fmt.mib(value);
  if (unit === "ms") return fmt.ms(value);
  if (unit === "µs") return fmt.us(value);
  if (unit === "ns") return fmt.ns(value);
  return String(value);
};
const cells = figures.map((f) => [
  f.figure,
  show(f.value, f.unit),
  f.baseline ? `${f.baseline.what} ${show(f.baseline.value, f.baseline.unit)}` : "-",
  f.ratio === null ? "-" : `${f.ratio.toFixed(2)}x`,
  f.target ?? "-",
  f.result,
]);
const head = ["figure", "measured", "baseline (same run)", "ratio", "target", "result"];
const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (c) => `| ${c.map((x, i) => (i === 0 || i === 2 || i === 4 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(" | ")} |`;

const [l1, , l15] = loadavg();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? null,
  loadAverage1mAtReport: l1,
  loadAverage15mAtReport: l15,
  niceness: Number(process.env.CCP_BENCH_NICE ?? 0),
};
console.log(`ccp-relogin benchmarks, ${new Date().toISOString()}: ${machine.cpus} CPUs (${machine.cpuModel}), ` +
  `load average ${l1.toFixed(1)} (15 min: ${l15.toFixed(1)}), nice ${machine.niceness}; ratio = cost ÷ baseline cost`);
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 || i === 2 || i === 4 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const c of cells) console.log(line(c));
const notes = figures.filter((f) => f.note);
if (notes.length) {
  console.log("");
  for (const f of notes) console.log(`- ${f.figure.trim()}: ${f.note}`);
}
const misses = figures.filter((f) => f.result === "MISS").length;
const unmeasured = figures.filter((f) => f.result === "n/a").length;
console.log(`\n${figures.filter((f) => f.result === "PASS").length} PASS, ${misses} MISS, ${unmeasured} not measured (targets from the issue)`);

if (outPath) {
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify({
    generatedAt: new Date().toISOString(),
    command: "./run bench",
    ratio: "cost ÷ the baseline's cost in the same invocation (rates: baseline rate ÷ ours)",
    machine,
    figures,
    raw: { micro, process: proc, browser },
  }, null, 2)}\n`);
}
