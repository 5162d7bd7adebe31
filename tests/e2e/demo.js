#!/usr/bin/env node
// `./run demo`: the main scenario, shown. The emulator plays the custom CCP,
// Amazon Connect, Entra ID and AWS sign-in; Chromium runs the real extension
// and the real native host (headless, or headed when $DISPLAY is set). The
// agent's Connect session ends inside the custom CCP's frame; ccp-relogin
// signs in again silently and brings the agent back.
//
// Prints a timeline with ms offsets, saves a screenshot per step in
// out/demo/, exits 0 on success and 1 with a clear message otherwise.
import { mkdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { startTestBed } from "./harness/scenario-bed.js";
import { hostBinaryMissing } from "./harness/native-host.js";
import { productConfig, profile, CUSTOM_CCP_URL } from "./harness/product-config.js";
import { openAgentPage, signInAgent, waitForCcpState, waitForOnly, webPages } from "./harness/agent.js";
import { formatRequestLog, saveFailureArtifacts } from "./harness/artifacts.js";
import { launches } from "./harness/relogin-expectations.js";
import { measureRelogin } from "./harness/timing-report.js";
import { waitFor } from "./harness/wait.js";
import { DEMO_OUT_DIR, REPO_ROOT } from "./harness/paths.js";
import { INSTANCES } from "./emulator/default-world.js";

const headed = Boolean(process.env.DISPLAY);
const started = Date.now();
const sinceStart = () => Date.now() - started;
/** @type {{at: number, text: string}[]} what the demo saw or did, on its own clock */
const observations = [];
let shots = 0;

// `at`: when it was seen, which for a step with a screenshot is before the
// screenshot is taken (that takes longer than the next steps of the re-login).
function observe(text, at = sinceStart()) {
  observations.push({ at, text });
}

/** Screenshots `page` as out/demo/NN-name.png; null (and no file) if the page went away meanwhile. */
async function screenshot(page, name) {
  const file = join(DEMO_OUT_DIR, `${String(shots + 1).padStart(2, "0")}-${name}.png`);
  const taken = await page.screenshot({ path: file, timeout: 5000 }).then(() => !page.isClosed(), () => false);
  if (!taken) {
    await rm(file, { force: true });
    return null;
  }
  shots++;
  return relative(REPO_ROOT, file);
}

const short = (url) => url.split("?")[0];

/**
 * The re-login as the services saw it (exact times from the emulator's log),
 * interleaved with what the demo observed, all on the demo's clock.
 */
function timeline(emulator, since) {
  const shift = sinceStart() - emulator.elapsed(); // emulator time + shift = demo time
  const log = emulator.requests((r) => r.time >= since, { includeInternal: true });
  const events = [];
  for (const r of log) {
    const at = r.time + shift;
    if (r.path.endsWith("/emulator/ccp-state") && r.params.embedded === "1") {
      events.push({ at, text: `custom CCP's frame reports: ${r.params.state}` });
    } else if (r.fetchDest === "document" && r.host !== "agents.example.com") {
      events.push({ at, text: `  helper tab: ${r.method} ${short(`https://${r.host}${r.path}`)} → ${r.status}${r.outcome ? ` (${r.outcome})` : ""}` });
    }
  }
  return [...events, ...observations].sort((a, b) => a.at - b.at);
}

async function runDemo(bed) {
  const { emulator, context } = bed;
  observe(`ready: emulator on 127.0.0.1:${emulator.port}; Chromium (${headed ? "headed" : "headless"}) with the extension, connected to the native host`);

  await signInAgent(context, emulator, INSTANCES.acme);
  const agent = await openAgentPage(context, CUSTOM_CCP_URL);
  await waitForCcpState(agent, "signed-in");
  observe(`agent on ${CUSTOM_CCP_URL}, CCP frame signed in  [${await screenshot(agent, "custom-ccp-signed-in")}]`);

  const since = emulator.elapsed();
  emulator.expireSessions();
  observe("the emulator ends the Connect session (as the 12-hour cap would)");

  await waitForCcpState(agent, "signed-out", { timeoutMs: 10_000 });
  const expiredSeenAt = sinceStart();
  observe(`"Session expired" inside the CCP frame  [${await screenshot(agent, "session-expired")}]`, expiredSeenAt);

  await waitFor(() => launches(emulator, since).length > 0, { timeoutMs: 30_000, what: "ccp-relogin to open the Entra sign-in URL" });
  const helper = webPages(context).find((p) => p !== agent);
  const shot = helper ? await screenshot(helper, "helper-tab") : null;
  if (shot) observe(`helper tab at ${short(helper.url())}  [${shot}]`);

  await waitForCcpState(agent, "signed-in", { minSignedInCount: 2, timeoutMs: 30_000 });
  await waitForOnly(context, [agent], { timeoutMs: 15_000 });
  observe(`back on the custom CCP, frame signed in, helper tab closed  [${await screenshot(agent, "back-on-custom-ccp")}]`);

  for (const { at, text } of timeline(emulator, since)) console.log(`+${String(at).padStart(6)} ms  ${text}`);
  const [launch] = launches(emulator, since);
  console.log(`\nsign-in URL: https://${launch.host}${launch.path}?tenantId=…&RelayState=…\nrelay state (decoded once by Entra): ${launch.params.RelayState}`);
  const t = measureRelogin(emulator, since);
  console.log(`timings: expiry shown → sign-in opened ${t.expiryToSignInMs} ms; landed → custom CCP restored ${t.landedToRestoredMs} ms; total ${t.totalMs} ms`);
  const logins = launches(emulator, since).length;
  if (logins !== 1) throw new Error(`expected exactly one login, the emulator saw ${logins}`);
}

async function main() {
  const missing = await hostBinaryMissing();
  if (missing) {
    console.error(`demo: ${missing}`);
    return 1;
  }
  await rm(DEMO_OUT_DIR, { recursive: true, force: true });
  await mkdir(DEMO_OUT_DIR, { recursive: true });

  let bed = null;
  try {
    bed = await startTestBed({
      headed,
      // Headed, Entra answers a little slower so a person can follow the tabs.
      emulator: headed ? { idp: { latencyMs: 800 } } : {},
      config: productConfig({ profiles: [profile()], mode: "tab" }),
    });
    await runDemo(bed);
    console.log(`\ndemo: OK — the agent was signed in again without help. Screenshots: ${relative(REPO_ROOT, DEMO_OUT_DIR)}/`);
    return 0;
  } catch (error) {
    bed ??= error.bed ?? null;
    console.error(`\ndemo: FAILED — ${error.message}`);
    if (bed?.emulator) console.error(`\nthe emulator saw:\n${formatRequestLog(bed.emulator.requests())}`);
    if (bed?.logs?.worker.length) console.error(`\nextension worker console:\n${bed.logs.worker.slice(-30).join("\n")}`);
    const dir = await saveFailureArtifacts("demo", { ...bed, logs: bed?.logs ?? { worker: [], pages: [], browser: [] }, error }).catch(() => null);
    if (dir) console.error(`\nartifacts: ${relative(REPO_ROOT, dir)}/`);
    return 1;
  } finally {
    await bed?.close();
  }
}

process.exitCode = await main();
