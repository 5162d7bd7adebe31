// What the badge, popup and options page show for a given state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { initialState } from "../../extension/lib/flow-state.js";
import { badgeFor, popupModel, primaryFlow, problemLines } from "../../extension/lib/status-view.js";
import { CONFIG } from "./support/worker-harness.js";

const env = { browser: "chrome", extensionId: "lgnognmbodadambbbcigkefnngodpege" };

function stateWith(flows = {}, host = { status: "connected", hostVersion: "0.1.0" }) {
  return { ...initialState(), welcome: CONFIG, host, flows };
}

const flow = (phase, over = {}) => ({ key: "agents-us", profile: "agents-us", phase, since: 1, stop: null, retryAt: null, offline: null, ...over });

test("badge per state; host problems win", () => {
  assert.equal(badgeFor(stateWith({}), env).text, "");
  assert.equal(badgeFor(stateWith({ a: flow("detected") }), env).text, "?");
  assert.equal(badgeFor(stateWith({ a: flow("signing-in") }), env).text, "in");
  assert.equal(badgeFor(stateWith({ a: flow("signing-in", { offline: { retries: 0 } }) }), env).text, "off");
  assert.equal(badgeFor(stateWith({ a: flow("returning") }), env).text, "call");
  assert.equal(badgeFor(stateWith({ a: flow("waiting") }), env).text, "wait");
  assert.equal(badgeFor(stateWith({ a: flow("stopped") }), env).text, "stop");
  const missing = badgeFor(stateWith({ a: flow("stopped") }, { status: "missing" }), env);
  assert.equal(missing.text, "!");
  assert.match(missing.title, /not installed/);
});

test("the flow shown first: stopped before running before idle", () => {
  const s = stateWith({ a: flow("idle", { key: "a", since: 9 }), b: flow("signing-in", { key: "b" }), c: flow("stopped", { key: "c" }) });
  assert.equal(primaryFlow(s).key, "c");
});

test("popup: host missing shows the command, no sign-in button", () => {
  const m = popupModel(stateWith({}, { status: "missing" }), env);
  assert.equal(m.host.fix.command, "ccp-relogin install --browser chrome --scope user --extension-id lgnognmbodadambbbcigkefnngodpege");
  assert.equal(m.signInAgain.enabled, false);
  assert.equal(m.profile, "agents-us", "the configured profile");
});

test("popup: stopped shows the diagnosis and allows Sign in again", () => {
  const m = popupModel(stateWith({ "agents-us": flow("stopped", { stop: { reason: "loop", diagnosis: "Role lacks connect:GetFederationToken." }, retryAt: 5 }) }), env);
  assert.equal(m.state, "stopped");
  assert.equal(m.diagnosis, "Role lacks connect:GetFederationToken.");
  assert.equal(m.retryAt, 5);
  assert.deepEqual(m.signInAgain, { key: "agents-us", enabled: true });
  const running = popupModel(stateWith({ "agents-us": flow("signing-in") }), env);
  assert.equal(running.signInAgain.enabled, false);
  assert.equal(running.diagnosis, "");
});

test("problems read as lines whatever their shape", () => {
  assert.deepEqual(problemLines([
    { source: "policy", path: "relogin.mode", reason: "must be one of tab, in-place, window" },
    "profiles[0].instance.id: not a UUID",
    { reason: "no profile" },
  ]), ["policy: relogin.mode: must be one of tab, in-place, window", "profiles[0].instance.id: not a UUID", "no profile"]);
});

test("a deliberate sign-out: badge out, the popup says which and what happens next, Sign in again offered", () => {
  const state = stateWith({ a: flow("signed-out", { signOut: { cause: "inactivity", decision: "ask", reason: "the agent was idle when the session ended" } }) });
  assert.equal(badgeFor(state, env).text, "out");
  const model = popupModel(state, env);
  assert.match(model.stateLabel, /inactivity.*Sign in again/);
  assert.equal(model.diagnosis, "the agent was idle when the session ended");
  assert.equal(model.signInAgain.enabled, true);
  state.flows.a.signOut = { cause: "logout", decision: "stay", reason: "the agent signed out" };
  assert.match(popupModel(state, env).stateLabel, /you signed out/);
});
