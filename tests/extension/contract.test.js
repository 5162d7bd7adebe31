// The extension's side of the native-messaging contract (tests/contract/,
// read by the host's tests/host/unit/protocol_contract_test.cpp too):
//  - every extension → host frame the extension builds (hello, expired,
//    landed, failed, cookie-rule, sign-in-stalled) is exactly the golden frame, built by the
//    real code: host-connection.js for hello, the flow reducer (via the hint
//    intake for page signals) for the others;
//  - every host → extension frame is accepted and read as the golden files
//    say: the reducer's state after it (phase, deadlines, stop…), the effects,
//    or that it changes nothing.
// Conversations are replayed step by step: each step's frame must come out
// of the extension, then the host's golden reply goes in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { reduce } from "../../extension/lib/flow-reducer.js";
import { configOf, initialState } from "../../extension/lib/flow-state.js";
import { createHintIntake } from "../../extension/worker/hint-intake.js";
import { createHostConnection } from "../../extension/worker/host-connection.js";
import { createFakeChrome, HOST_EXITED } from "./support/fake-chrome.js";
import { createFakeClock } from "./support/fake-clock.js";
import { startWorker } from "./support/worker-harness.js";

const CONTRACT = new URL("../contract/", import.meta.url);
const NOT_THE_EXTENSION = "not-the-extension";
const TRIGGERS = new Set([
  "connect", "page", "helpdesk", "sign-in-again", "wait-over", "landed", "sign-in-failed", "timeout", "tab-closed",
  "reconnect", "cookie-rule-changed", "stall", "return", "logout", NOT_THE_EXTENSION,
]);
const TO_HOST_TYPES = ["hello", "expired", "landed", "failed", "status", "cookie-rule", "sign-in-stalled", "session", "invalid"];
const TO_EXTENSION_TYPES = ["welcome", "relogin", "wait", "stop", "return", "status", "force-relogin", "recorded", "error"];

// {"$text": {prefix, fill, length}}: a string of exactly `length` bytes (ASCII).
function expand(value) {
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === "object") {
    if ("$text" in value) {
      const { prefix = "", fill, length } = value.$text;
      return prefix + fill.repeat(length - prefix.length);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  }
  return value;
}

function load(dir) {
  const folder = new URL(dir, CONTRACT);
  return readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: `${dir}${f}`, ...JSON.parse(readFileSync(new URL(f, folder), "utf8")) }));
}

const toHost = load("extension-to-host/");
const toExtension = load("host-to-extension/");
const FRAMES = new Map();
for (const file of toHost) for (const c of file.frames) FRAMES.set(`${file.type}/${c.name}`, c);

function golden(ref) {
  const c = FRAMES.get(ref);
  assert.ok(c, `no frame ${ref} in extension-to-host/`);
  return c;
}
const frameOf = (ref, overrides = {}) => expand({ ...golden(ref).frame, ...overrides });
const fileOf = (type) => toExtension.find((f) => f.type === type);
// The host's real welcome: every replay runs with the configuration it carries.
const WELCOME = expand(fileOf("welcome").cases.find((c) => c.name === "hello-without-policy").conversation[0].reply);

const TAB = 1;
const WINDOW = 1;
const withQuery = (url) => (url ? `${url}?from=contract#fragment` : url);

// One browser: the reducer's state, its clock and the ids it will hand out.
// Effects are carried out the way the worker would where a test needs it
// (the sign-in tab opens).
class Browser {
  constructor(welcome, now) {
    this.state = initialState();
    this.now = now;
    this.ids = [];
    this.effects = [];
    this.nextHelperTab = 50;
    this.lastKey = null;
    this.intake = createHintIntake({
      getState: () => this.state,
      dispatch: async (event) => this.dispatch(event),
      probe: async () => "signed-out",
      now: () => this.now,
    });
    if (welcome) {
      this.dispatch({ type: "welcome", config: welcome.config, problems: welcome.problems, hostVersion: welcome.hostVersion, fresh: true });
    }
    this.effects = [];
  }

  dispatch(event) {
    const newId = () => {
      assert.ok(this.ids.length > 0, `the extension asked for an unexpected request id (${event.type})`);
      return this.ids.shift();
    };
    const out = reduce(this.state, event, { now: this.now, newId, random: () => 0.5 });
    this.state = out.state;
    this.effects.push(...out.effects);
    for (const e of out.effects) {
      if (e.type === "open-helper") {
        this.dispatch({ type: "helper-opened", key: e.key, tabId: this.nextHelperTab++, windowId: WINDOW, mode: e.mode });
      }
    }
  }

  flowWith(predicate) {
    return Object.values(this.state.flows).find(predicate) ?? null;
  }

  sent() {
    return this.effects.filter((e) => e.type === "send").map((e) => e.message);
  }
}

function signingFlow(b, correlationId) {
  const flow = b.flowWith((f) => f.correlationId === correlationId);
  assert.ok(flow, `no flow signs in with ${correlationId}`);
  return flow;
}

// Makes the extension send `frame` the way it does in production (`by`, the
// golden frame's sentBy).
async function trigger(b, by, frame) {
  switch (by) {
    case "page":
      return b.intake.submit({
        signal: frame.signal,
        category: "expiry",
        evidence: frame.evidence,
        tabId: TAB,
        windowId: WINDOW,
        frameId: frame.tabUrl === frame.frameUrl ? 0 : 5,
        tabUrl: withQuery(frame.tabUrl),
        frameUrl: withQuery(frame.frameUrl),
      });
    case "helpdesk":
      // What worker.js makes of a pushed force-relogin (no tab shows the profile).
      return b.dispatch({ type: "force-relogin", profile: frame.profile, reason: frame.evidence.replace(/^forced: /, ""), originTab: null });
    case "sign-in-again":
      return b.dispatch({ type: "sign-in-again", key: frame.profile ?? b.lastKey });
    case "wait-over": {
      const flow = b.flowWith((f) => f.phase === "waiting");
      assert.ok(flow, "no flow is waiting");
      return b.dispatch({ type: "alarm", key: flow.key });
    }
    case "landed":
      return b.dispatch({ type: "landed", key: signingFlow(b, frame.correlationId).key, url: withQuery(frame.url) });
    case "sign-in-failed":
      return b.dispatch({
        type: "sign-in-failed",
        key: signingFlow(b, frame.correlationId).key,
        stage: frame.stage,
        url: withQuery(frame.url),
        evidence: frame.evidence,
      });
    case "timeout":
    case "stall": // the flow's alarm: past its deadline, or its tab loading for STALL_AFTER_MS (lib/flow-stall.js)
      return b.dispatch({ type: "alarm", key: signingFlow(b, frame.correlationId).key });
    case "return": {
      // The host's return for the landed sign-in: the CCP is back, the extension reports it (flow-return.js).
      const flow = b.flowWith((f) => f.phase === "landed" && f.correlationId === frame.correlationId);
      assert.ok(flow, `no flow has landed with ${frame.correlationId}`);
      const message = { type: "return", correlationId: frame.correlationId, url: WELCOME.config.profiles[0].returnTo[0], re: flow.pending.id };
      return b.dispatch({ type: "host-message", message });
    }
    case "logout": // navigation-watch.js: a Connect /logout page in a tab
      return b.dispatch({ type: "agent-signed-out", connectOrigin: WELCOME.config.profiles[0].connectOrigin, tabId: TAB });
    case "tab-closed":
      return b.dispatch({ type: "tab-removed", tabId: signingFlow(b, frame.correlationId).helper.tabId });
    case "reconnect": {
      // The port closed before the answer; the new port's welcome re-sends what is pending.
      const { welcome, problems } = b.state;
      const hostVersion = b.state.host.hostVersion;
      b.dispatch({ type: "host-status", status: "exited", detail: HOST_EXITED });
      return b.dispatch({ type: "welcome", config: welcome, problems, hostVersion, fresh: true });
    }
    case "cookie-rule-changed": {
      // What worker/cookie-settings.js dispatches once the browser made the change.
      const { action, profile, primaryPattern, secondaryPattern, reason } = frame;
      return b.dispatch({ type: "cookie-rule-changed", action, rule: { profile, primaryPattern, secondaryPattern }, reason });
    }
    default:
      return assert.fail(`no way to make the extension send ${frame.type} by ${by}`);
  }
}

// The extension builds `frame` (by `by`) and nothing else; returns the flow key it concerns.
async function expectBuilt(b, by, frame, where) {
  b.effects = [];
  b.ids = [frame.id];
  await trigger(b, by, frame);
  b.ids = [];
  assert.deepEqual(b.sent(), [frame], `${where}: the extension sends exactly the golden ${frame.type}`);
  const flow =
    b.flowWith((f) => f.pending?.id === frame.id) ??
    (frame.correlationId ? b.flowWith((f) => f.correlationId === frame.correlationId) : null);
  if (flow) b.lastKey = flow.key;
  else if (frame.type === "session") b.lastKey = frame.profile; // a report names its flow's profile
  return b.lastKey;
}

function assertSubset(actual, expected, where) {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertSubset(actual[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === "object") {
    assert.ok(actual && typeof actual === "object", `${where}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) assertSubset(actual[k], v, `${where}.${k}`);
  } else {
    assert.equal(actual, expected, where);
  }
}

// `seen`: the golden file's "extension" block for one host frame.
function expectSeen(b, key, seen, flowsBefore, where) {
  if (!seen) return;
  if (seen.flow) assertSubset(b.state.flows[key], seen.flow, `${where}: flow ${key}`);
  if (seen.ignored) assert.deepEqual(b.state.flows, flowsBefore, `${where}: changes no flow`);
  const types = b.effects.map((e) => e.type);
  for (const t of seen.effects ?? []) assert.ok(types.includes(t), `${where}: effect ${t} (got ${types.join(", ")})`);
  if (seen.note) assert.ok(b.state.lastEvent?.text.includes(seen.note), `${where}: note "${seen.note}" (got "${b.state.lastEvent?.text}")`);
  if (seen.config) assertSubset(configOf(b.state), seen.config, `${where}: config`);
  if (seen.host) assertSubset(b.state.host, seen.host, `${where}: host`);
  if (seen.problems) assert.deepEqual(b.state.problems, seen.problems, `${where}: problems`);
}

function deliver(b, key, reply, seen, where) {
  b.effects = [];
  const before = structuredClone(b.state.flows);
  b.dispatch({ type: "host-message", message: reply });
  expectSeen(b, key, seen, before, where);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

// hello comes from host-connection.js: the same port, policy read at start.
async function helloAndWelcome(step, where) {
  const hello = frameOf(step.send, step.with);
  const chrome = createFakeChrome();
  const clock = createFakeClock(step.atMs);
  const welcomes = [];
  const statuses = [];
  const connection = createHostConnection({
    chrome,
    timers: clock,
    now: clock.now,
    newId: () => hello.id,
    browser: "chromium",
    getPolicy: async () => structuredClone(hello.policy),
    onWelcome: (w) => welcomes.push(w),
    onMessage: () => {},
    onStatus: (s) => statuses.push(s),
  });
  connection.connect();
  for (let i = 0; i < 5; i += 1) await settle();
  const port = chrome.test.lastPort();
  assert.deepEqual(port.sentOfType("hello").at(-1), hello, `${where}: the extension sends exactly the golden hello`);
  const reply = expand(step.reply);
  port.reply(reply);
  assert.deepEqual(welcomes, [{ config: reply.config, problems: reply.problems, hostVersion: reply.hostVersion, fresh: true }]);
  const b = new Browser(null, step.atMs);
  b.dispatch({ type: "welcome", ...welcomes[0] });
  expectSeen(b, null, step.extension, null, where);
}

// ---- the files themselves --------------------------------------------------------

test("contract: every message type has its file, every reference resolves", () => {
  assert.deepEqual(toHost.map((f) => f.type).sort(), [...TO_HOST_TYPES].sort());
  assert.deepEqual(toExtension.map((f) => f.type).sort(), [...TO_EXTENSION_TYPES].sort());
  for (const file of toHost) {
    assert.equal(file.direction, "extension-to-host", file.file);
    for (const c of file.frames) {
      assert.ok(TRIGGERS.has(c.sentBy), `${file.file} ${c.name}: sentBy ${c.sentBy}`);
      assert.ok(("frame" in c) !== ("raw" in c), `${file.file} ${c.name}: frame or raw`);
      assert.ok(("reads" in c.host) !== ("answers" in c.host), `${file.file} ${c.name}: reads or answers`);
      if (c.host.answers) assert.equal(c.host.answers.type, "error", `${file.file} ${c.name}`);
      if (file.type !== "invalid" && c.frame) assert.equal(c.frame.type, file.type, `${file.file} ${c.name}`);
    }
  }
  for (const file of toExtension) {
    assert.equal(file.direction, "host-to-extension", file.file);
    for (const c of file.cases) {
      assert.ok(("conversation" in c) !== ("built" in c), `${file.file} ${c.name}: conversation or built`);
      const replies = c.conversation ? c.conversation.map((s) => s.reply) : [c.frame];
      assert.ok(replies.some((r) => r.type === file.type), `${file.file} ${c.name}: shows a ${file.type}`);
      for (const s of c.conversation ?? []) {
        golden(s.send);
        if (s.by) assert.ok(TRIGGERS.has(s.by), `${file.file} ${c.name}: by ${s.by}`);
      }
      if (c.built?.answers) golden(c.built.answers);
      if (c.extension?.sends) golden(c.extension.sends);
    }
  }
});

test("contract: every frame the extension sends is built in some replay", () => {
  const built = new Set();
  for (const file of toExtension) {
    for (const c of file.cases) {
      for (const s of c.conversation ?? []) if ((s.by ?? golden(s.send).sentBy) !== NOT_THE_EXTENSION) built.add(s.send);
      if (c.built?.answers) built.add(c.built.answers);
      if (c.extension?.sends) built.add(c.extension.sends);
    }
  }
  const missing = [...FRAMES].filter(([ref, c]) => c.sentBy !== NOT_THE_EXTENSION && !built.has(ref)).map(([ref]) => ref);
  assert.deepEqual(missing, []);
});

// ---- extension → host ---------------------------------------------------------

test("contract: hello is built by host-connection.js exactly as golden, welcome read as golden", async () => {
  for (const c of fileOf("welcome").cases) {
    const [step] = c.conversation;
    await helloAndWelcome(step, `welcome ${c.name}`);
  }
});

test("contract: every error the host answers to an invalid frame is shown and changes no flow", () => {
  for (const file of toHost) {
    for (const c of file.frames.filter((f) => f.host.answers)) {
      const answer = expand(c.host.answers);
      const b = new Browser(WELCOME, 0);
      deliver(b, null, answer, { ignored: true, note: `helper error: ${answer.code}` }, `${file.file} ${c.name}`);
    }
  }
});

// ---- host → extension ---------------------------------------------------------

for (const file of toExtension.filter((f) => f.type !== "welcome")) {
  for (const c of file.cases) {
    test(`contract: ${file.type}: ${c.name}`, async () => {
      if (c.conversation) return replay(file, c);
      return builtCase(file, c);
    });
  }
}

async function replay(file, c) {
  const browsers = new Map();
  for (const [i, s] of c.conversation.entries()) {
    const where = `${file.file} ${c.name} step ${i + 1}`;
    const label = s.browser ?? "A";
    if (!browsers.has(label)) browsers.set(label, new Browser(WELCOME, s.atMs));
    const b = browsers.get(label);
    b.now = s.atMs;
    const frame = frameOf(s.send, s.with);
    const by = s.by ?? golden(s.send).sentBy;
    const key = by === NOT_THE_EXTENSION ? b.lastKey : await expectBuilt(b, by, frame, where);
    if (s.delivered === false) continue;
    deliver(b, key, expand(s.reply), s.extension, where);
  }
}

async function builtCase(file, c) {
  const where = `${file.file} ${c.name}`;
  const frame = expand(c.frame);
  const seen = c.extension ?? {};
  if (seen.sends) {
    // Through the whole worker: worker.js turns the pushed frame into a flow.
    const h = await startWorker({ config: WELCOME.config });
    h.port.reply(frame);
    await h.settle();
    const expected = frameOf(seen.sends);
    const sent = h.lastSent("expired");
    assert.equal(typeof sent?.id, "string", `${where}: an expired with an id`);
    assert.deepEqual({ ...sent, id: expected.id }, expected, `${where}: answered with the golden ${seen.sends}`);
    return;
  }
  if (seen.hostStatusAfterExit) {
    const chrome = createFakeChrome();
    const clock = createFakeClock(c.atMs);
    const statuses = [];
    const connection = createHostConnection({
      chrome, timers: clock, now: clock.now, newId: () => "h1", browser: "chromium", getPolicy: async () => null,
      onWelcome: () => {}, onMessage: () => {}, onStatus: (s) => statuses.push(s),
    });
    connection.connect();
    await settle();
    chrome.test.lastPort().reply(frame);
    chrome.test.lastPort().close(HOST_EXITED);
    assert.equal(statuses.at(-1).status, seen.hostStatusAfterExit, where);
    return;
  }
  const b = new Browser(WELCOME, c.atMs);
  let key = null;
  if (c.built.answers) {
    const request = frameOf(c.built.answers);
    key = await expectBuilt(b, golden(c.built.answers).sentBy, request, where);
    assert.equal(frame.re, request.id, `${where}: answers ${c.built.answers}`);
  }
  deliver(b, key, frame, seen, where);
}
