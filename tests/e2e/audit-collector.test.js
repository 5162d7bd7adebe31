// The audit forwarder (ccp-relogin-network forward, the real binary) against
// a real local HTTPS collector (node's https server; no browser). The
// collector is down, then holds a request past the forwarder's timeout,
// then answers 500, then takes everything; the forwarder is killed in the
// middle and started again. The collector ends up with every line of the
// audit log, each exactly as written plus hostVersion, and a line it got
// twice only ever under the same id. Also Splunk HEC: the token arrives in
// the Authorization header and the body is HEC's stacked envelopes.
//
// The forwarder trusts the collector's self-signed certificate through
// `forward --ca-file` (curl_sender.h): verification stays on, against that
// file instead of the system's store.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:https";
import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { HOST_BINARY } from "./harness/paths.js";
import { waitFor } from "./harness/wait.js";

const FORWARDER = join(dirname(HOST_BINARY), "ccp-relogin-network");
const run = promisify(execFile);

async function localCertificate(dir) {
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  await run("openssl", [
    "req", "-x509", "-nodes", "-days", "1",
    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-keyout", keyPath, "-out", certPath,
    "-subj", "/CN=ccp-relogin test collector", "-addext", "subjectAltName=IP:127.0.0.1",
  ]);
  return { key: await readFile(keyPath, "utf8"), cert: await readFile(certPath, "utf8"), certPath };
}

/** An HTTPS collector whose behaviour the test sets: "take" | "hang" | "fail". */
async function startCollector(tls) {
  const collector = { mode: "take", requests: [], bodies: [], held: [] };
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => { body += chunk; });
    req.on("end", () => {
      collector.requests.push({ mode: collector.mode, headers: req.headers, url: req.url });
      if (collector.mode === "hang") return collector.held.push(res); // past the 5 s timeout
      if (collector.mode === "fail") return res.writeHead(500).end("busy");
      collector.bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  collector.listen = (port = 0) => new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address().port)));
  collector.close = () => new Promise((resolve) => {
    for (const res of collector.held) res.destroy();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return collector;
}

/** A port nothing listens on right now (the collector is "down" there). */
async function freePort(tls) {
  const probe = await startCollector(tls);
  const port = await probe.listen();
  await probe.close();
  return port;
}

async function appendLines(stateDir, count) {
  const lines = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(), ts: new Date(Date.UTC(2026, 11, 2, 7, 0, i % 60)).toISOString(),
    host: "desk-17", user: "agent7", event: "expired", kind: "detected", decision: "relogin",
    request: { profile: "agents-us" },
  }));
  await appendFile(join(stateDir, "audit.jsonl"), lines.map((l) => `${JSON.stringify(l)}\n`).join(""), { mode: 0o600 });
  return lines;
}

function startForwarder(stateDir, url, certPath, extra = []) {
  const child = spawn(FORWARDER, [
    "forward", "--state-dir", stateDir, "--url", url, "--host-version", "9.9.9", "--ca-file", certPath, ...extra,
  ], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderrText = "";
  child.stderr.on("data", (chunk) => { child.stderrText += chunk; });
  child.exited = new Promise((resolve) => child.on("exit", resolve));
  return child;
}

async function withBed(fn) {
  const dir = await mkdtemp(join(tmpdir(), "ccp-relogin-collector-"));
  const stateDir = join(dir, "state");
  await run("mkdir", ["-m", "700", stateDir]);
  const tls = await localCertificate(dir);
  const children = [];
  const collectors = [];
  try {
    await fn({ dir, stateDir, tls, children, collectors });
  } finally {
    for (const child of children) child.kill("SIGKILL");
    for (const c of collectors) await c.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

test("audit forwarding: down, hanging, failing, then up, across a killed forwarder: every line arrives, duplicates only under the same id",
  { timeout: 120_000 }, async () => {
    await withBed(async ({ stateDir, tls, children, collectors }) => {
      const written = await appendLines(stateDir, 120); // three batches of at most 50
      const port = await freePort(tls);
      const url = `https://127.0.0.1:${port}/ingest`;
      const first = startForwarder(stateDir, url, tls.certPath);
      children.push(first);
      await waitFor(() => /is failing/.test(first.stderrText), { timeoutMs: 10_000, what: "the forwarder to say the collector is down" });

      const collector = await startCollector(tls);
      collectors.push(collector);
      collector.mode = "hang";
      await collector.listen(port);
      await waitFor(() => collector.requests.length >= 1, { timeoutMs: 15_000, what: "a request to the collector once it listens" });
      collector.mode = "fail";
      await waitFor(() => collector.requests.some((r) => r.mode === "fail"), { timeoutMs: 20_000, what: "a request answered 500" });
      collector.mode = "take";
      await waitFor(() => collector.bodies.length >= 1, { timeoutMs: 30_000, what: "a batch taken" });

      // Killed mid-run (maybe with a batch on the wire), more lines meanwhile, a new forwarder.
      first.kill("SIGKILL");
      await first.exited;
      written.push(...(await appendLines(stateDir, 30)));
      const second = startForwarder(stateDir, url, tls.certPath);
      children.push(second);

      const received = () => collector.bodies.flatMap((b) => JSON.parse(b));
      await waitFor(() => new Set(received().map((e) => e.id)).size === written.length, {
        timeoutMs: 30_000, what: () => `every line at the collector (${new Set(received().map((e) => e.id)).size} of ${written.length})`,
      });
      const byId = new Map(written.map((l) => [l.id, { ...l, hostVersion: "9.9.9" }]));
      for (const event of received()) assert.deepEqual(event, byId.get(event.id), "exactly the line, plus hostVersion");
      for (const r of collector.requests) {
        assert.equal(r.headers["content-type"], "application/json");
        assert.equal(r.headers.authorization, undefined, "no token without a token file");
      }
      assert.ok(collector.requests.some((r) => r.mode === "hang") && collector.requests.some((r) => r.mode === "fail"));
    });
  });

test("audit forwarding to Splunk HEC: the token file's token in the Authorization header, stacked envelopes, the token nowhere else",
  { timeout: 60_000 }, async () => {
    await withBed(async ({ dir, stateDir, tls, children, collectors }) => {
      const token = randomUUID();
      const tokenFile = join(dir, "hec-token");
      await writeFile(tokenFile, `${token}\n`);
      await chmod(tokenFile, 0o640);
      const written = await appendLines(stateDir, 3);
      const collector = await startCollector(tls);
      collectors.push(collector);
      const port = await collector.listen();
      const forwarder = startForwarder(stateDir, `https://127.0.0.1:${port}/services/collector/event`, tls.certPath,
        ["--format", "splunk-hec", "--token-file", tokenFile]);
      children.push(forwarder);
      await waitFor(() => collector.bodies.length >= 1, { timeoutMs: 15_000, what: "the HEC request" });
      assert.equal(collector.requests[0].headers.authorization, `Splunk ${token}`);
      const envelopes = collector.bodies[0].trim().split("\n").map((line) => JSON.parse(line));
      assert.deepEqual(envelopes.map((e) => e.event.id), written.map((l) => l.id));
      for (const e of envelopes) {
        assert.equal(e.source, "ccp-relogin");
        assert.equal(e.sourcetype, "ccp-relogin:audit");
        assert.equal(e.host, "desk-17");
        assert.equal(e.time, Date.parse(e.event.ts) / 1000);
      }
      const cmdline = await readFile(`/proc/${forwarder.pid}/cmdline`, "utf8");
      assert.ok(!cmdline.includes(token), "the token is not on the command line");
      assert.ok(!forwarder.stderrText.includes(token), forwarder.stderrText);
    });
  });
