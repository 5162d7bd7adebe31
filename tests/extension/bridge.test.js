// content/bridge.js (a classic script) run in a vm context with a fake page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { FakeEvent } from "./support/fake-chrome.js";

const SOURCE = readFileSync(new URL("../../extension/content/bridge.js", import.meta.url), "utf8");

function page({ frames = [] } = {}) {
  const listeners = [];
  const sent = [];
  const onMessage = new FakeEvent();
  const window = {
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
  };
  const frameObjects = frames.map((src) => {
    const attrs = new Map([["src", src]]);
    return { sets: 0, getAttribute: (n) => attrs.get(n) ?? null, setAttribute(n, v) { attrs.set(n, v); this.sets += 1; } };
  });
  const context = vm.createContext({
    window,
    location: { href: "https://agents.example.com/ccp" },
    document: { querySelectorAll: (selector) => (selector === "iframe[src]" ? frameObjects : []) },
    // structuredClone: objects made in the vm realm would not deepEqual ours.
    chrome: { runtime: { sendMessage: async (m) => sent.push(structuredClone(m)), onMessage } },
    URL,
  });
  context.globalThis = context;
  vm.runInContext(SOURCE, context);
  const post = (data, source = window) => listeners.forEach((fn) => fn({ source, data, origin: "https://agents.example.com" }));
  const ask = (message) => {
    let reply;
    onMessage.emit(message, {}, (r) => (reply = structuredClone(r)));
    return reply;
  };
  return { context, sent, post, ask, frames: frameObjects, runAgain: () => vm.runInContext(SOURCE, context) };
}

test("announces itself once per page life, even if injected twice", () => {
  const p = page();
  p.runAgain();
  assert.deepEqual(p.sent, [{ kind: "bridge-ready" }]);
});

test("forwards the three Streams messages with the CCP frame's URL (no query)", () => {
  const p = page({ frames: ["https://acme.my.connect.aws/ccp-v2?x=1", "https://ads.example.net/"] });
  p.post({ source: "ccp-relogin", type: "auth-fail" });
  p.post({ source: "ccp-relogin", type: "contact-start", contactId: "c-1" });
  p.post({ source: "ccp-relogin", type: "contact-end", contactId: "c-1" });
  assert.deepEqual(p.sent.slice(1), [
    { kind: "bridge-event", type: "auth-fail", contactId: null, frameSrc: "https://acme.my.connect.aws/ccp-v2" },
    { kind: "bridge-event", type: "contact-start", contactId: "c-1", frameSrc: "https://acme.my.connect.aws/ccp-v2" },
    { kind: "bridge-event", type: "contact-end", contactId: "c-1", frameSrc: "https://acme.my.connect.aws/ccp-v2" },
  ]);
});

test("ignores other windows, other sources and unknown types", () => {
  const p = page();
  p.post({ source: "ccp-relogin", type: "auth-fail" }, { some: "iframe window" });
  p.post({ source: "emulated-ccp", state: "signed-out" });
  p.post({ source: "ccp-relogin", type: "reload-everything" });
  p.post("ccp-relogin");
  p.post(null);
  assert.deepEqual(p.sent, [{ kind: "bridge-ready" }]);
});

test("reloads only the iframes on the requested Connect origin", () => {
  const p = page({ frames: ["https://acme.my.connect.aws/ccp-v2", "https://other.my.connect.aws/ccp-v2", "/relative"] });
  assert.deepEqual(p.ask({ kind: "reload-ccp-frame", connectOrigin: "https://acme.my.connect.aws" }), { reloaded: 1 });
  assert.deepEqual(p.frames.map((f) => f.sets), [1, 0, 0]);
  assert.equal(p.frames[0].getAttribute("src"), "https://acme.my.connect.aws/ccp-v2", "same src, set again");
  assert.equal(p.ask({ kind: "something-else" }), undefined);
});
