// Reads Google Benchmark's JSON (stdin) and prints each benchmark as a ratio
// to its baseline from the same run: "<Name>" against "<Name>Baseline".
// Ratios survive a slower or busier machine; absolute nanoseconds don't.
import { readFileSync } from "node:fs";

const { benchmarks, context } = JSON.parse(readFileSync(0, "utf8"));
const byName = new Map(benchmarks.map((b) => [b.name, b]));
console.log(`host benchmarks on ${context.num_cpus} CPUs (${context.library_build_type} benchmark library)`);
console.log("benchmark".padEnd(16), "ns/op".padStart(10), "baseline ns/op".padStart(16), "ratio".padStart(8));
for (const b of benchmarks) {
    if (b.name.endsWith("Baseline")) continue;
    const base = byName.get(`${b.name}Baseline`);
    const ratio = base ? (b.cpu_time / base.cpu_time).toFixed(2) + "x" : "-";
    console.log(
        b.name.padEnd(16),
        b.cpu_time.toFixed(0).padStart(10),
        (base ? base.cpu_time.toFixed(0) : "-").padStart(16),
        ratio.padStart(8),
    );
}
