// The expiry detector: which texts count, where, and how often it reports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createDetector, standaloneText } from "../../extension/lib/detector.js";
import { detectionRules, pageMode } from "../../extension/lib/detection-rules.js";
import { EXPIRY_PHRASES } from "../../extension/lib/phrases.js";
import { createPhraseMatcher, normalizeText } from "../../extension/lib/text-match.js";
import { FakeDocument, added, attributeChanged, characterData, h, text } from "./support/fake-dom.js";
import { createFakeClock } from "./support/fake-clock.js";

const DELAY = 300;

function setup({ mode = "connect", phrases = [], isVisible } = {}) {
  const doc = new FakeDocument();
  const clock = createFakeClock();
  const reports = [];
  const detector = createDetector({
    ...detectionRules(mode, phrases),
    isVisible,
    schedule: (fn, ms) => clock.setTimeout(fn, ms),
    cancel: (id) => clock.clearTimeout(id),
    delayMs: DELAY,
    onDetect: (result) => reports.push(result),
  });
  detector.start(doc);
  clock.advance(DELAY); // the initial scan of the empty page
  return { doc, clock, reports, detector };
}

// Appends nodes to the body and tells the detector, like a MutationObserver would.
function append(t, ...nodes) {
  for (const n of nodes) t.doc.body.appendChild(n);
  t.detector.onMutations([added(...nodes)]);
}

test("the emulator's expiry dialog is detected", () => {
  const t = setup();
  append(t, h("div", { role: "alertdialog", class: "session-expired" },
    h("h2", {}, "Session expired"),
    h("p", {}, "Your session has expired. Please log in.")));
  assert.equal(t.reports.length, 0, "batched, not immediate");
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Session expired" }]);
});

test("text already on the page at start is found by the initial scan", () => {
  const doc = new FakeDocument();
  doc.body.appendChild(h("h1", {}, "Session Expired"));
  const clock = createFakeClock();
  const reports = [];
  const d = createDetector({
    ...detectionRules("connect"),
    schedule: (fn, ms) => clock.setTimeout(fn, ms),
    onDetect: (r) => reports.push(r),
  });
  d.start(doc);
  clock.advance(DELAY);
  assert.equal(reports.length, 1);
});

test("every shipped language is detected in a dialog", () => {
  for (const [language, phrases] of Object.entries(EXPIRY_PHRASES)) {
    for (const phrase of phrases) {
      const t = setup();
      append(t, h("div", { role: "dialog" }, h("p", {}, `${phrase}.`)));
      t.clock.advance(DELAY);
      assert.equal(t.reports.length, 1, `${language}: ${phrase}`);
      assert.equal(t.reports[0].evidence, phrase);
    }
  }
});

test("case, extra whitespace, NBSP, zero-width and decomposed accents don't matter", () => {
  for (const variant of ["SESSION   EXPIRED", "session\u00a0expired", "Ses\u200bsion\n\t expired", "—  Session expired"]) {
    const t = setup();
    append(t, h("h2", {}, variant));
    t.clock.advance(DELAY);
    assert.equal(t.reports.length, 1, JSON.stringify(variant));
  }
  const fr = setup();
  append(fr, h("h2", {}, "Session expire\u0301e")); // e + combining acute
  fr.clock.advance(DELAY);
  assert.equal(fr.reports[0]?.evidence, "Session expirée");
  assert.equal(normalizeText("ＳＥＳＳＩＯＮ　ＥＸＰＩＲＥＤ"), "session expired", "full-width (NFKC)");
});

test("text split over several elements and text nodes still matches", () => {
  const t = setup();
  append(t, h("div", { role: "alert" }, h("strong", {}, "Session"), text(" "), h("span", {}, "expired")));
  t.clock.advance(DELAY);
  assert.equal(t.reports.length, 1);
});

test("configured phrases are added to the built-in ones", () => {
  const t = setup({ phrases: ["Sitzung beendet"] });
  append(t, h("h3", {}, "Sitzung beendet"));
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Sitzung beendet" }]);
  const plain = setup();
  append(plain, h("h3", {}, "Sitzung beendet"));
  plain.clock.advance(DELAY);
  assert.equal(plain.reports.length, 0, "not built in");
});

test("the chat false positive: a customer's words in the transcript never report", () => {
  const t = setup();
  const log = h("div", { role: "log", class: "chat-transcript" });
  append(t, log);
  t.clock.advance(DELAY);
  const message = h("div", { class: "message" }, "my session expired yesterday");
  log.appendChild(message);
  t.detector.onMutations([added(message)]);
  const heading = h("h4", {}, "Session expired"); // even a heading inside the log
  log.appendChild(heading);
  t.detector.onMutations([added(heading)]);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, []);
});

test("editable content, form fields, aria-live lists, tables and definition lists never report", () => {
  const regions = [
    h("div", { contenteditable: "true" }, h("h2", {}, "Session expired")),
    h("div", { contenteditable: "" }, h("p", {}, "Session expired")),
    h("textarea", {}, "Session expired"),
    h("div", { role: "textbox" }, h("h2", {}, "Session expired")),
    h("ul", { "aria-live": "polite" }, h("li", {}, h("h3", {}, "Session expired"))),
    h("table", {}, h("tr", {}, h("td", {}, "Session expired"))),
    h("dl", {}, h("dt", {}, "Reason"), h("dd", {}, "Session expired")),
    h("div", { role: "grid" }, h("div", { role: "alert" }, "Session expired")),
  ];
  for (const region of regions) {
    const t = setup();
    append(t, region);
    t.clock.advance(DELAY);
    assert.deepEqual(t.reports, [], region.localName);
  }
});

test("a dialog hosting a chat: the chat part is left out of the dialog's text", () => {
  const t = setup();
  append(t, h("div", { role: "dialog" }, h("h2", {}, "Chat with customer"),
    h("div", { role: "log" }, h("p", {}, "Session expired, can you help?"))));
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, []);
  assert.equal(standaloneText(t.doc.body.childNodes[0], 1000), "Chat with customer");
});

test("a short block counts only when it starts with the phrase", () => {
  const starts = setup();
  append(starts, h("div", {}, h("p", {}, "Your session has expired. Please log in.")));
  starts.clock.advance(DELAY);
  assert.equal(starts.reports.length, 1);

  const inside = setup();
  append(inside, h("div", { class: "attribute" }, h("span", {}, "Customer note: my session expired twice")));
  inside.clock.advance(DELAY);
  assert.deepEqual(inside.reports, []);

  const long = setup();
  append(long, h("p", {}, `Session expired ${"and more words ".repeat(30)}`));
  long.clock.advance(DELAY);
  assert.deepEqual(long.reports, [], "a long paragraph is not a short message");
});

test("hidden dialogs don't report until they are shown", () => {
  const t = setup();
  const dialog = h("div", { role: "alertdialog", hidden: "" }, h("h2", {}, "Session expired"));
  append(t, dialog);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, []);
  dialog.removeAttribute("hidden");
  t.detector.onMutations([attributeChanged(dialog, "hidden")]);
  t.clock.advance(DELAY);
  assert.equal(t.reports.length, 1);
});

test("the browser's visibility check is honoured (CSS-hidden dialogs)", () => {
  let visible = false;
  const t = setup({ isVisible: () => visible });
  const dialog = h("div", { role: "dialog", class: "closed" }, h("h2", {}, "Session expired"));
  append(t, dialog);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, []);
  visible = true;
  dialog.setAttribute("class", "open");
  t.detector.onMutations([attributeChanged(dialog, "class")]);
  t.clock.advance(DELAY);
  assert.equal(t.reports.length, 1);
});

test("text changed inside an existing dialog (characterData) is found", () => {
  const t = setup();
  const body = text("Loading…");
  append(t, h("div", { role: "alertdialog" }, h("p", {}, body)));
  t.clock.advance(DELAY);
  body.data = "Your session has expired";
  t.detector.onMutations([characterData(body)]);
  t.clock.advance(DELAY);
  assert.equal(t.reports.length, 1);
});

test("one report per page life, however often the text appears", () => {
  const t = setup();
  for (let i = 0; i < 5; i += 1) {
    append(t, h("h2", {}, "Session expired"));
    t.clock.advance(DELAY);
  }
  assert.equal(t.reports.length, 1);
  assert.equal(t.detector.reported, true);
  assert.equal(t.clock.pending(), 0, "no timer left running");
});

test("batching: many mutations, one scan, at most `delay` after the first", () => {
  const t = setup();
  append(t, h("p", {}, "irrelevant"));
  t.clock.advance(DELAY - 100);
  // A call timer ticking: mutations keep coming; the scan must not be postponed.
  for (let i = 0; i < 10; i += 1) append(t, h("span", {}, `00:0${i}`));
  append(t, h("h2", {}, "Session expired"));
  assert.equal(t.clock.pending(), 1, "one timer for the whole batch");
  t.clock.advance(100);
  assert.equal(t.reports.length, 1, "reported when the first mutation's timer ran");
});

test("only changed nodes are scanned, not the whole page", () => {
  const t = setup();
  // Expiry text already present but unrelated to the mutation, and hidden from
  // the initial scan by being added without telling the detector.
  t.doc.body.appendChild(h("h2", {}, "Session expired"));
  append(t, h("p", {}, "new unrelated node"));
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [], "the untouched heading was not rescanned");
});

test("misconfiguration texts report their own kind", () => {
  const t = setup();
  append(t, h("div", {}, h("p", {}, "Access denied, Please contact your AWS account administrator")));
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "misconfiguration", evidence: "Please contact your AWS account administrator" }]);
});

test("identity-provider pages: AADSTS codes in long error text", () => {
  const t = setup({ mode: "idp" });
  append(t, h("div", { id: "error" }, h("span", {}, `AADSTS50105: ${"Your administrator has configured the application to block users. ".repeat(4)}`)));
  t.clock.advance(DELAY);
  assert.equal(t.reports[0]?.evidence, "AADSTS50105");
  assert.equal(t.reports[0]?.kind, "idp-error");
});

test("page modes by URL", () => {
  assert.equal(pageMode("https://acme.my.connect.aws/ccp-v2"), "connect");
  assert.equal(pageMode("https://acme.awsapps.com/connect/ccp-v2"), "connect");
  assert.equal(pageMode("https://login.microsoftonline.com/x/saml2"), "idp");
  assert.equal(pageMode("https://signin.aws.amazon.com/saml"), "idp");
  assert.equal(pageMode("https://agents.example.com/ccp"), null);
});

test("phrase matcher drops empty and tiny phrases (they would match everything)", () => {
  const m = createPhraseMatcher({ phrases: ["", " ", "a", null, 42, "Session expired"] });
  assert.equal(m.size, 1);
  assert.equal(m.anywhere("anything at all"), null);
});

test("pre-filter: ASCII text without a phrase's key word cannot match, anything else may", () => {
  const m = createPhraseMatcher({ phrases: ["Session expired", "Sesión caducada", "you've been signed out"] });
  assert.equal(m.mayContain("Queue 3: 5 contacts waiting"), false);
  assert.equal(m.mayContain(""), false);
  assert.equal(m.mayContain("SessionEXPIRED"), true, "text nodes joined without a space, any case");
  assert.equal(m.mayContain("Sesi\u00f3n caducada"), true, "non-ASCII text is never ruled out");
  assert.equal(m.mayContain("Ｓｅｓｓｉｏｎ ｅｘｐｉｒｅｄ"), true, "full-width (NFKC) text is never ruled out");
  assert.equal(m.mayContain("You\u2019ve been signed out"), true, "curly apostrophe");
  assert.equal(m.mayContain("Sesion caducada"), false, "a phrase with non-ASCII letters is never in ASCII text");
  assert.equal(createPhraseMatcher({ patterns: [/x/] }).mayContain("plain"), true, "patterns are never ruled out");
});

test("pre-filter: never false where the full match finds a phrase", () => {
  const phrases = [...Object.values(EXPIRY_PHRASES).flat(), "you've been signed out"];
  const m = createPhraseMatcher({ phrases });
  for (const phrase of phrases) {
    for (const raw of [phrase, phrase.toUpperCase(), `  ${phrase.replace(/ /g, "\n\t ")}.`, `Note: ${phrase}`]) {
      assert.ok(m.anywhere(raw), raw);
      assert.equal(m.mayContain(raw), true, raw);
    }
  }
});

// A detector whose match() and isVisible() count their calls.
function countingSetup() {
  const calls = { match: [], visible: 0, mayMatch: [] };
  const rules = detectionRules("connect");
  const doc = new FakeDocument();
  const clock = createFakeClock();
  const reports = [];
  const detector = createDetector({
    ...rules,
    match: (text, rule) => { calls.match.push([rule, text]); return rules.match(text, rule); },
    mayMatch: (raw) => { calls.mayMatch.push(raw); return rules.mayMatch(raw); },
    isVisible: () => { calls.visible += 1; return true; },
    schedule: (fn, ms) => clock.setTimeout(fn, ms),
    delayMs: DELAY,
    onDetect: (result) => reports.push(result),
  });
  detector.start(doc);
  clock.advance(DELAY);
  return { doc, clock, reports, detector, calls };
}

test("text that cannot hold a phrase is never assembled, matched or checked for visibility", () => {
  const t = countingSetup();
  const list = h("ul", {});
  append(t, h("main", {}, h("h1", {}, "Contact Control Panel"), list));
  t.clock.advance(DELAY);
  for (let i = 0; i < 20; i += 1) {
    const row = h("li", {}, `Queue ${i}: 3 contacts waiting`);
    list.appendChild(row);
    t.detector.onMutations([added(row)]);
  }
  t.clock.advance(DELAY);
  assert.deepEqual(t.calls.match, []);
  assert.equal(t.calls.visible, 0);
  append(t, h("h2", {}, "Session expired"));
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Session expired" }]);
  assert.equal(t.calls.visible, 1, "visibility is checked only for the text that matched");
});

test("rows added to a list whose text cannot hold a phrase are ruled out without reading each row", () => {
  const t = countingSetup();
  const list = h("ul", {});
  append(t, h("main", {}, h("h1", {}, "Contact Control Panel"), list));
  t.clock.advance(DELAY);
  t.calls.mayMatch.length = 0;
  const rows = Array.from({ length: 20 }, (_, i) => h("li", {}, `Queue ${i}: 3 contacts waiting`));
  for (const row of rows) list.appendChild(row);
  let nodeListsRead = 0;
  const records = rows.map((row) => ({
    type: "childList", target: list, get addedNodes() { nodeListsRead += 1; return [row]; },
  }));
  t.detector.onMutations(records);
  t.clock.advance(DELAY);
  // The list (quiet, so are all its rows), then main around it; no row is
  // read, nor any record's node list.
  assert.equal(t.calls.mayMatch.length, 2, JSON.stringify(t.calls.mayMatch));
  assert.equal(nodeListsRead, 0);
  // A row that may hold a phrase is still read and found.
  const expiry = h("li", {}, "Session expired");
  list.appendChild(expiry);
  t.detector.onMutations([added(expiry)]);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Session expired" }]);
});

test("a batch judges each element once: siblings added together share their parents", () => {
  const t = countingSetup();
  const list = h("ul", {});
  append(t, h("section", {}, list));
  t.clock.advance(DELAY);
  t.calls.match.length = 0;
  const rows = Array.from({ length: 5 }, (_, i) => h("li", {}, `Session ${i}: expired ${i}`)); // passes the pre-filter
  for (const row of rows) list.appendChild(row);
  t.detector.onMutations([added(...rows)]);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, []);
  // Each row once, then the list and the section once (body ends the walk).
  assert.equal(t.calls.match.length, 5 + 2, JSON.stringify(t.calls.match));
  assert.equal(t.calls.visible, 0, "no visibility check for text that did not match");
});

test("a batch's climb to the enclosing dialog stops early only where a climb with as many levels went", () => {
  const t = setup();
  const dialog = h("div", { role: "alertdialog" }, h("h2", {}, "Session expired"));
  let deepest = dialog;
  const chain = [];
  for (let i = 0; i < 27; i += 1) {
    const div = h("div", {});
    deepest.appendChild(div);
    chain.push(div);
    deepest = div;
  }
  t.doc.body.appendChild(dialog); // present, not announced
  // `far` sits 28 levels below the dialog (too far), `near` 25 (the limit),
  // and `far`'s climb passes `near`'s parent first, with fewer levels left.
  const far = chain[26].appendChild(h("span", {}, "x"));
  const near = chain[23].appendChild(h("span", {}, "x"));
  t.detector.onMutations([added(far), added(near)]);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Session expired" }]);
});

test("a phrase completed by a node added later is found in the block around it", () => {
  const t = setup();
  const message = h("p", {}, "Session ");
  append(t, h("div", {}, message));
  t.clock.advance(DELAY);
  const rest = message.appendChild(h("span", {}, "expired")); // on its own, no phrase
  t.detector.onMutations([added(rest)]);
  t.clock.advance(DELAY);
  assert.deepEqual(t.reports, [{ kind: "expiry", evidence: "Session expired" }]);
});
