// content/bridge.js (a classic script) run in a vm context with a fake page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { FakeEvent } from "./support/fake-chrome.js";

const SOURCE = readFileSync(new URL("../../extension/content/bridge.js", import.meta.url), "utf8");

// A fake element: an iframe (src, optional same-origin contentDocument) or a
// shadow host (shadowRoot). A root is {children}: what querySelectorAll sees.
function iframe(src, { contentDocument = null, crossOrigin = false } = {}) {
  const attrs = new Map(src === null ? [] : [["src", src]]);
  return {
    tag: "iframe",
    sets: 0,
    getAttribute: (n) => attrs.get(n) ?? null,
    setAttribute(n, v) {
      attrs.set(n, v);
      this.sets += 1;
    },
    get contentDocument() {
      if (crossOrigin) throw new Error("SecurityError: cross-origin frame");
      return contentDocument;
    },
  };
}
const shadowHost = (...children) => ({ tag: "x-softphone", shadowRoot: root(...children) });
function root(...children) {
  return {
    children,
    querySelectorAll(selector) {
      if (selector === "iframe") return children.filter((c) => c.tag === "iframe");
      if (selector === "*") return children;
      throw new Error(`unexpected selector ${selector}`);
    },
  };
}

function page({ frames = [], documentRoot = null } = {}) {
  const listeners = [];
  const sent = [];
  const onMessage = new FakeEvent();
  const window = {
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
  };
  const frameObjects = frames.map((src) => iframe(src));
  const context = vm.createContext({
    window,
    location: { href: "https://agents.example.com/ccp", origin: "https://agents.example.com" },
    document: documentRoot ?? root(...frameObjects),
    // structuredClone: objects made in the vm realm would not deepEqual ours.
    chrome: { runtime: { sendMessage: async (m) => sent.push(structuredClone(m)), onMessage } },
    URL,
  });
  context.globalThis = context;
  vm.runInContext(SOURCE, context);
  const post = (data, { source = window, origin = "https://agents.example.com" } = {}) =>
    listeners.forEach((fn) => fn({ source, data, origin }));
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

test("forwards the four Streams messages with the CCP frame's URL (no query)", () => {
  const p = page({ frames: ["https://acme.my.connect.aws/ccp-v2?x=1", "https://ads.example.net/"] });
  p.post({ source: "ccp-relogin", type: "auth-fail" });
  p.post({ source: "ccp-relogin", type: "contact-start", contactId: "c-1" });
  p.post({ source: "ccp-relogin", type: "contact-end", contactId: "c-1" });
  p.post({ source: "ccp-relogin", type: "agent-logout" });
  assert.deepEqual(p.sent.slice(1), [
    { kind: "bridge-event", type: "auth-fail", contactId: null, frameSrc: "https://acme.my.connect.aws/ccp-v2" },
    { kind: "bridge-event", type: "contact-start", contactId: "c-1", frameSrc: "https://acme.my.connect.aws/ccp-v2" },
    { kind: "bridge-event", type: "contact-end", contactId: "c-1", frameSrc: "https://acme.my.connect.aws/ccp-v2" },
    { kind: "bridge-event", type: "agent-logout", contactId: null, frameSrc: "https://acme.my.connect.aws/ccp-v2" },
  ]);
});

test("ignores other origins (the Connect frame, ads), other sources and unknown types", () => {
  const p = page();
  p.post({ source: "ccp-relogin", type: "auth-fail" }, { source: { some: "iframe window" }, origin: "https://acme.my.connect.aws" });
  p.post({ source: "ccp-relogin", type: "auth-fail" }, { origin: "null" });
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

test("a same-origin frame of the page may post the Streams messages", () => {
  const p = page({ frames: ["https://acme.my.connect.aws/ccp-v2"] });
  p.post({ source: "ccp-relogin", type: "contact-start", contactId: "c-9" }, { source: { some: "softphone frame" } });
  assert.equal(p.sent.at(-1).type, "contact-start");
});

test("finds the CCP iframe in open shadow roots and same-origin frames, not in cross-origin ones", () => {
  const inShadow = iframe("https://acme.my.connect.aws/ccp-v2");
  const inSoftphonePage = iframe("https://acme.my.connect.aws/ccp-v2");
  const behindCrossOrigin = iframe("https://acme.my.connect.aws/ccp-v2");
  const documentRoot = root(
    iframe(null), // no src: skipped
    shadowHost(inShadow),
    iframe("/softphone", { contentDocument: root(inSoftphonePage) }),
    iframe("https://crm.example.net/", { crossOrigin: true, contentDocument: root(behindCrossOrigin) }),
  );
  const p = page({ documentRoot });
  assert.deepEqual(p.ask({ kind: "reload-ccp-frame", connectOrigin: "https://acme.my.connect.aws" }), { reloaded: 2 });
  assert.deepEqual([inShadow.sets, inSoftphonePage.sets, behindCrossOrigin.sets], [1, 1, 0]);
  p.post({ source: "ccp-relogin", type: "auth-fail" });
  assert.equal(p.sent.at(-1).frameSrc, "https://acme.my.connect.aws/ccp-v2", "the nested frame names the profile");
});

test("the walk is bounded: a frame nested deeper than four levels is not searched", () => {
  let level = root(iframe("https://acme.my.connect.aws/ccp-v2"));
  for (let i = 0; i < 6; i += 1) level = root(iframe("/nested", { contentDocument: level }));
  const p = page({ documentRoot: level });
  assert.deepEqual(p.ask({ kind: "reload-ccp-frame", connectOrigin: "https://acme.my.connect.aws" }), { reloaded: 0 });
});
