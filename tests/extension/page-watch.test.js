// The detector's watcher in the page's world (content/page-watch.js), run as
// Chrome runs it, a classic script, here in a vm context over the fake DOM;
// and with the detector (content/detect-main.js) on the same fake page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { start } from "../../extension/content/detect-main.js";
import { LOOK_AROUND } from "../../extension/lib/detector.js";
import { detectionRules } from "../../extension/lib/detection-rules.js";
import * as protocol from "../../extension/lib/page-watch-protocol.js";
import { FakeDocument, fakeMutationObservers, h, text } from "./support/fake-dom.js";
import { createFakeChrome } from "./support/fake-chrome.js";
import { createFakeClock } from "./support/fake-clock.js";

const SOURCE = readFileSync(new URL("../../extension/content/page-watch.js", import.meta.url), "utf8");
const DELAY = 10;

/** A fake page with the watcher installed at "document_start". */
function pageWithWatcher() {
  const doc = new FakeDocument();
  const clock = createFakeClock();
  const observers = fakeMutationObservers();
  vm.runInNewContext(SOURCE, {
    document: doc, MutationObserver: observers.FakeMutationObserver, Event,
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (id) => clock.clearTimeout(id),
  });
  const changed = [];
  doc.addEventListener(protocol.CHANGED, (event) => changed.push(event.target), true);
  return { doc, clock, observers, changed };
}

function settings(overrides = {}) {
  return { ...LOOK_AROUND, ...detectionRules("connect").prefilter, delayMs: DELAY, attributes: ["class"], ...overrides };
}

/** Sends the detector's watch request; true when the watcher answered in the same dispatch. */
function askToWatch(doc, detail = JSON.stringify(settings())) {
  let answered = false;
  const onWatching = () => {
    answered = true;
  };
  doc.addEventListener(protocol.WATCHING, onWatching, true);
  doc.dispatchEvent(new CustomEvent(protocol.WATCH, { detail }));
  doc.removeEventListener(protocol.WATCHING, onWatching, true);
  return answered;
}

const childList = (...nodes) => ({ type: "childList", target: nodes[0].parentNode, addedNodes: nodes });

test("the watcher's event names are the protocol's", () => {
  for (const [name, value] of Object.entries(protocol)) {
    assert.match(SOURCE, new RegExp(`const ${name} = "${value}";`), name);
  }
});

test("idle until the detector asks; answers within the dispatch; asked twice, watches once", () => {
  const p = pageWithWatcher();
  assert.equal(p.observers.all.length, 0, "no observer before it is asked");
  assert.equal(askToWatch(p.doc), true);
  assert.equal(p.observers.all.length, 1);
  assert.equal(p.observers.all[0].options.subtree, true);
  assert.equal(p.observers.all[0].options.characterData, true);
  assert.deepEqual([...p.observers.all[0].options.attributeFilter], ["class"]);
  assert.equal(askToWatch(p.doc), false, "a second request is not answered");
  assert.equal(p.observers.all.length, 1);
});

test("a request it cannot read leaves it idle (the detector then observes itself)", () => {
  for (const detail of ["{not json", "null", JSON.stringify(settings({ containerLevels: -1 })), JSON.stringify(settings({ delayMs: "10" }))]) {
    const p = pageWithWatcher();
    assert.equal(askToWatch(p.doc, detail), false, detail);
    assert.equal(p.observers.all.length, 0, detail);
  }
});

test("rows added to a list whose surroundings cannot hold a phrase are not handed on", () => {
  const p = pageWithWatcher();
  const list = h("ul", {});
  const timer = text("0");
  p.doc.body.appendChild(h("main", {}, h("h1", {}, "Contact Control Panel"), h("p", {}, "Call time: ", h("span", {}, timer)), list));
  askToWatch(p.doc);
  let nodeListsRead = 0;
  for (let i = 0; i < 50; i += 1) {
    const row = list.appendChild(h("li", {}, `Queue ${i}: 3 contacts waiting`));
    p.observers.deliver({ type: "childList", target: list, get addedNodes() { nodeListsRead += 1; return [row]; } });
  }
  timer.data = "1";
  p.observers.deliver({ type: "characterData", target: timer });
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, []);
  assert.equal(nodeListsRead, 0, "main, around the list, is read once; the rows never");
});

test("an expiry dialog, a text change in a dialog and an attribute change are handed on, once per batch", () => {
  const p = pageWithWatcher();
  const message = text("Connecting");
  const dialog = h("div", { role: "alertdialog", hidden: "" }, h("h2", {}, message));
  p.doc.body.appendChild(dialog);
  askToWatch(p.doc);

  const fresh = p.doc.body.appendChild(h("div", { role: "dialog" }, h("p", {}, "Session expired")));
  p.observers.deliver(childList(fresh), childList(fresh));
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, [fresh]);

  p.changed.length = 0;
  message.data = "Session expired";
  p.observers.deliver({ type: "characterData", target: message });
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, [message.parentNode], "the element around the changed text");

  p.changed.length = 0;
  p.observers.deliver({ type: "attributes", target: dialog, attributeName: "class" });
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, [dialog]);
});

test("a quiet row inside a dialog that may hold a phrase is handed on: the detector reads the dialog around it", () => {
  const p = pageWithWatcher();
  const list = h("ul", {});
  const dialog = h("div", { role: "alertdialog" }, h("h2", {}, "Your session"), h("div", {}, h("div", {}, h("div", {}, h("div", {}, list)))));
  p.doc.body.appendChild(dialog);
  askToWatch(p.doc);
  const row = list.appendChild(h("li", {}, "expired"));
  p.observers.deliver(childList(row));
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, [row], "the dialog is 6 levels up: beyond the short blocks, the nearest container");
});

test("the short blocks around a change are read up to their level, never body", () => {
  const p = pageWithWatcher();
  const inner = h("i", {});
  p.doc.body.appendChild(h("p", {}, "Session ", h("b", {}, inner)));
  askToWatch(p.doc);
  const word = inner.appendChild(h("em", {}, "x"));
  p.observers.deliver(childList(word));
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, [word], "p is 3 levels above the new element: its text counts");

  const q = pageWithWatcher();
  const deep = h("u", {});
  q.doc.body.appendChild(h("p", {}, "Session ", h("b", {}, h("i", {}, deep))));
  askToWatch(q.doc);
  const far = deep.appendChild(h("em", {}, "x"));
  q.observers.deliver(childList(far));
  q.clock.advance(DELAY);
  assert.deepEqual(q.changed, [], "p is 4 levels up: beyond the short blocks, and no container");
});

test("unwatch stops it for good", () => {
  const p = pageWithWatcher();
  askToWatch(p.doc);
  p.doc.dispatchEvent(new Event(protocol.UNWATCH));
  assert.equal(p.observers.all[0].observing, false);
  const dialog = p.doc.body.appendChild(h("div", { role: "dialog" }, "Session expired"));
  p.observers.deliver(childList(dialog));
  p.clock.advance(DELAY);
  assert.deepEqual(p.changed, []);
});

test("with the detector: it asks the watcher, observes nothing itself, and reports what the watcher hands it, once", async () => {
  const p = pageWithWatcher();
  const chrome = createFakeChrome();
  const window = {
    location: { href: "https://acme.my.connect.aws/ccp-v2" },
    setTimeout: (fn, ms) => p.clock.setTimeout(fn, ms),
    clearTimeout: (id) => p.clock.clearTimeout(id),
    MutationObserver: class {
      constructor() {
        throw new Error("the detector must not observe itself when the watcher is there");
      }
    },
    Event,
    CustomEvent,
    performance: { timeOrigin: 1_764_650_000_000 },
  };
  await start({ chrome, window, document: p.doc });
  assert.equal(p.observers.all.length, 1, "the watcher's observer only");
  const list = p.doc.body.appendChild(h("ul", {}));
  p.observers.deliver(childList(list));
  for (let i = 0; i < 5; i += 1) p.observers.deliver(childList(list.appendChild(h("li", {}, `Queue ${i}`))));
  p.clock.advance(DELAY);
  await Promise.resolve();
  const sent = () => chrome.test.callsOf("runtime.sendMessage").map(([m]) => m);
  assert.deepEqual(sent(), []);
  const dialog = p.doc.body.appendChild(h("div", { role: "alertdialog" }, h("h2", {}, "Session expired")));
  p.observers.deliver(childList(dialog));
  p.clock.advance(DELAY);
  await Promise.resolve();
  assert.deepEqual(sent().map((m) => [m.signal, m.category, m.evidence]), [["text", "expiry", "Session expired"]]);
  assert.equal(p.observers.all[0].observing, false, "the detector told the watcher to stop");
});
