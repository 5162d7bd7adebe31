// The detector in a page (content/detect-main.js) with a fake window,
// document, MutationObserver and chrome: what it reports to the worker, once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BATCH_DELAY_MS, start } from "../../extension/content/detect-main.js";
import { FakeDocument, added, fakeMutationObservers, h } from "./support/fake-dom.js";
import { createFakeChrome } from "./support/fake-chrome.js";
import { createFakeClock } from "./support/fake-clock.js";

// When the fake document began; reports carry it in whole milliseconds.
const DOCUMENT_STARTED_AT = 1_764_650_000_000;

function page(url, { detection } = {}) {
  const chrome = createFakeChrome();
  if (detection) chrome.storage.local.data.detection = detection;
  const clock = createFakeClock();
  const doc = new FakeDocument();
  const { all: observers, FakeMutationObserver, deliver } = fakeMutationObservers();
  const window = {
    location: { href: url },
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (id) => clock.clearTimeout(id),
    MutationObserver: FakeMutationObserver,
    Event,
    CustomEvent,
    performance: { timeOrigin: DOCUMENT_STARTED_AT + 0.25 },
  };
  const sent = () => chrome.test.callsOf("runtime.sendMessage").map(([m]) => m);
  const mutate = (...nodes) => {
    for (const n of nodes) doc.body.appendChild(n);
    deliver(added(...nodes));
  };
  return { chrome, clock, doc, window, observers, sent, mutate };
}

test("a Connect login page in a frame is reported at once, no observer", async () => {
  const p = page("https://acme.my.connect.aws/login?redirect=x");
  await start({ chrome: p.chrome, window: p.window, document: p.doc });
  assert.deepEqual(p.sent(), [
    { kind: "page-signal", signal: "login-page", category: "expiry", evidence: "/login", frameUrl: "https://acme.my.connect.aws/login?redirect=x", documentStartedAt: DOCUMENT_STARTED_AT },
  ]);
  assert.equal(p.observers.length, 0);
});

test("configured login paths come from storage.local (written by the worker)", async () => {
  const p = page("https://acme.my.connect.aws/sso/start", { detection: { loginPaths: ["/sso"], phrases: [] } });
  await start({ chrome: p.chrome, window: p.window, document: p.doc });
  assert.equal(p.sent()[0]?.evidence, "/sso/start");
});

test("expiry text in the CCP frame: one report after the batch delay, then the observer stops", async () => {
  const p = page("https://acme.my.connect.aws/ccp-v2");
  await start({ chrome: p.chrome, window: p.window, document: p.doc });
  assert.equal(p.observers.length, 1);
  assert.deepEqual(p.observers[0].options.attributeFilter.includes("class"), true);
  assert.equal(p.observers[0].options.subtree, true);
  p.clock.advance(BATCH_DELAY_MS);
  p.mutate(h("div", { role: "alertdialog" }, h("h2", {}, "Session expired")));
  assert.deepEqual(p.sent(), []);
  p.clock.advance(BATCH_DELAY_MS);
  assert.deepEqual(p.sent(), [
    { kind: "page-signal", signal: "text", category: "expiry", evidence: "Session expired", frameUrl: "https://acme.my.connect.aws/ccp-v2", documentStartedAt: DOCUMENT_STARTED_AT },
  ]);
  assert.equal(p.observers[0].disconnected, true);
  p.mutate(h("h2", {}, "Session expired"));
  p.clock.advance(BATCH_DELAY_MS);
  assert.equal(p.sent().length, 1, "one report per page life");
});

test("configured phrases from storage.local are used in the page", async () => {
  const p = page("https://acme.my.connect.aws/ccp-v2", { detection: { phrases: ["Anmeldung erforderlich"] } });
  await start({ chrome: p.chrome, window: p.window, document: p.doc });
  p.mutate(h("h1", {}, "Anmeldung erforderlich"));
  p.clock.advance(BATCH_DELAY_MS);
  assert.equal(p.sent()[0]?.evidence, "Anmeldung erforderlich");
});

test("an Entra error page reports an idp-error", async () => {
  const p = page("https://login.microsoftonline.com/tid/saml2");
  await start({ chrome: p.chrome, window: p.window, document: p.doc });
  p.mutate(h("div", {}, h("span", {}, "AADSTS50105: The signed in user is not assigned to a role for the application.")));
  p.clock.advance(BATCH_DELAY_MS);
  assert.deepEqual(p.sent()[0], {
    kind: "page-signal", signal: "text", category: "idp-error", evidence: "AADSTS50105", frameUrl: "https://login.microsoftonline.com/tid/saml2", documentStartedAt: DOCUMENT_STARTED_AT,
  });
});

test("pages that are neither Connect nor sign-in pages are left alone", async () => {
  const p = page("https://agents.example.com/ccp");
  assert.equal(await start({ chrome: p.chrome, window: p.window, document: p.doc }), null);
  assert.equal(p.observers.length, 0);
});

test("the batch delay leaves room for the 50 ms detection budget (README.md, Benchmarks)", () => {
  // The worker's session probe and the host's decision take ~30 ms of it.
  assert.ok(BATCH_DELAY_MS > 0 && BATCH_DELAY_MS <= 16, `BATCH_DELAY_MS = ${BATCH_DELAY_MS}`);
});
